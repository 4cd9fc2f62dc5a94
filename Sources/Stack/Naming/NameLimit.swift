/// The longest name AWS accepts for a kind of resource. Names longer than this are shortened
/// deterministically by `ResourceNamer` (prefix + hash), never rejected at call time.
public struct NameLimit: Sendable, Equatable {
    public let maxLength: Int

    public init(maxLength: Int) {
        self.maxLength = maxLength
    }

    public static let loadBalancer = NameLimit(maxLength: 32)
    public static let targetGroup = NameLimit(maxLength: 32)
    /// ElastiCache replication group and subnet group ids.
    public static let elastiCache = NameLimit(maxLength: 40)
    /// RDS cluster, instance and subnet group identifiers.
    public static let rds = NameLimit(maxLength: 63)
    public static let iamRole = NameLimit(maxLength: 64)
    public static let iamPolicy = NameLimit(maxLength: 128)
    /// SQS queue names, including a `.fifo` suffix.
    public static let sqsQueue = NameLimit(maxLength: 80)
    public static let dynamoDBTable = NameLimit(maxLength: 255)
    public static let ecsCluster = NameLimit(maxLength: 255)
    public static let ecsService = NameLimit(maxLength: 255)
    public static let taskDefinitionFamily = NameLimit(maxLength: 255)
    public static let ecrRepository = NameLimit(maxLength: 256)
    public static let securityGroup = NameLimit(maxLength: 255)
    public static let cloudWatchAlarm = NameLimit(maxLength: 255)
    public static let secretsManagerSecret = NameLimit(maxLength: 512)
    public static let logGroup = NameLimit(maxLength: 512)
    /// S3 bucket names (3–63 lowercase letters, digits, hyphens), global across all accounts.
    public static let s3Bucket = NameLimit(maxLength: 63)
    /// The `Name` tag value of EC2 resources (tag values are ≤ 256).
    public static let tagValue = NameLimit(maxLength: 256)
}
