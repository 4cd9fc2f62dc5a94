import Crypto

/// Deterministic resource names (DESIGN invariant 1): `<stack>-<region-short>-<role>`, e.g.
/// `max-tps-apne1-public-api`. The same stack, region and role always give the same name, so
/// a run without local state finds what an earlier run created.
///
/// The format is the engine's `ResourceContext.physicalName(role)`; what this adds is AWS's
/// length limits. A stage naming a length-limited kind uses
/// `ResourceNamer.fit(context.physicalName(role), limit: .targetGroup)` (or `name(_:limit:)`).
public struct ResourceNamer: Sendable, Equatable {
    public let stack: String
    public let region: AWSRegion

    public init(stack: String, region: AWSRegion) {
        self.stack = stack
        self.region = region
    }

    /// The name of the regional resource playing `role` (lowercase letters, digits, hyphens),
    /// shortened to fit `limit` when needed.
    public func name(_ role: String, limit: NameLimit = .dynamoDBTable) -> String {
        Self.fit("\(stack)-\(region.shortName)-\(role)", limit: limit)
    }

    /// A FIFO queue's name: `name(role)` plus the `.fifo` suffix SQS requires, within 80 characters.
    public func fifoQueueName(_ role: String) -> String {
        let suffix = ".fifo"
        return Self.fit("\(stack)-\(region.shortName)-\(role)",
                        limit: NameLimit(maxLength: NameLimit.sqsQueue.maxLength - suffix.count)) + suffix
    }

    /// A service's ECR repository (`<stack>/<service>`); repositories are regional, so the
    /// same name in every region.
    public func repositoryName(_ service: ServiceName) -> String {
        repositoryName(named: service.rawValue)
    }

    /// The repository of an image that is not a service's (the load bot's).
    public func repositoryName(named image: String) -> String {
        "\(stack)/\(image)"
    }

    /// The CloudWatch log group of a service.
    public func logGroupName(_ service: ServiceName) -> String {
        logGroupName(named: service.rawValue)
    }

    /// The log group of a task that is not a service's (the load bot's).
    public func logGroupName(named task: String) -> String {
        Self.fit("/tps/\(stack)/\(region.shortName)/\(task)", limit: .logGroup)
    }

    /// The region's ALB access-log bucket: `<stack>-<account>-<region-short>-alb-logs`. Bucket
    /// names are global across all of S3, so the account keeps two accounts' stacks of one name
    /// apart, and the region each region's bucket (the logs must be written in the ALB's region).
    /// A valid stack name keeps it within S3's rules (lowercase, digits, hyphens, ≤ 63).
    public func accessLogBucketName(account: String) -> String {
        Self.fit("\(stack)-\(account)-\(region.shortName)-alb-logs", limit: .s3Bucket)
    }

    /// A name for a global resource (IAM roles and policies, CloudFront policies), where the
    /// region must not appear: `<stack>-<role>`.
    public static func globalName(stack: String, role: String, limit: NameLimit) -> String {
        fit("\(stack)-\(role)", limit: limit)
    }

    /// `name` unchanged if it fits; otherwise its prefix, a hyphen and the first 8 hex digits of
    /// its SHA-256, exactly `limit` long at most. Distinct long names stay distinct (with
    /// overwhelming probability) and the result never depends on anything but `name`.
    public static func fit(_ name: String, limit: NameLimit) -> String {
        guard name.count > limit.maxLength else { return name }
        let digest = SHA256.hash(data: Array(name.utf8)).prefix(4).map { byte in
            String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
        var prefix = String(name.prefix(limit.maxLength - digest.count - 1))
        while prefix.last == "-" || prefix.last == "." || prefix.last == "/" { prefix.removeLast() }
        return "\(prefix)-\(digest)"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
