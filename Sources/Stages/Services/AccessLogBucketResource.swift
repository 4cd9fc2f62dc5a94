import AWSClient
import Provisioning
import Stack

/// The region's ALB access-log bucket (`alb.accessLogs`): named from the stack, account and
/// region (S3 names are global), every public access blocked, SSE-S3 by default (the only
/// encryption ALB delivery supports), a policy letting ELB's log delivery put objects under the
/// account's log path (``AccessLogDelivery``), a lifecycle rule expiring them after
/// `retentionDays`, and the stack's tags. Each setting is read back and compared, so a change
/// made out of band shows in `plan` and `up` puts it back.
///
/// The logs are data: a `production` stack's `down` keeps the bucket (and says so), any other
/// stack's empties it and deletes it.
struct AccessLogBucketResource: Resource {
    struct Live: Sendable {
        var tags: [String: String]
        var publicAccessBlock: S3.PublicAccessBlock?
        var encryption: String?
        /// Canonical JSON (sorted keys), or the text as S3 gave it when it is not JSON.
        var policy: String?
        var lifecycle: [S3.ExpirationRule]?
    }

    /// ALB access logs support SSE-S3 only.
    static let encryption = "AES256"
    static let lifecycleRuleId = "tps-expire-access-logs"

    let address: ResourceAddress
    let client: AWSClient
    let bucket: String
    let account: String
    let prefix: String?
    let retentionDays: Int
    /// `down` keeps the bucket and its logs.
    let production: Bool

    var s3: S3 { S3(client: client) }

    var policy: JSONValue {
        AccessLogDelivery.bucketPolicy(bucket: bucket, prefix: prefix, account: account, region: client.region)
    }

    /// The whole bucket expires: it holds nothing but this load balancer's logs.
    var lifecycle: [S3.ExpirationRule] { [S3.ExpirationRule(id: Self.lifecycleRuleId, prefix: "", days: retentionDays)] }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let region = try await s3.bucketRegion(bucket) else { return nil }
        // S3 names are global: a bucket of this name elsewhere cannot be made here, and ELB
        // delivers only to a bucket in the load balancer's region.
        guard region == client.region else { throw AccessLogBucketElsewhere(bucket: bucket, region: region, wanted: client.region) }
        let policy = try await s3.bucketPolicy(bucket)
        return Live(tags: try await s3.bucketTags(bucket), publicAccessBlock: try await s3.publicAccessBlock(bucket),
                    encryption: try await s3.defaultEncryption(bucket),
                    policy: policy.map { text in (try? JSONValue(parsing: text)).map(ECRRepositoryResource.canonical) ?? text },
                    lifecycle: try await s3.lifecycleRules(bucket))
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("tags", desired: context.tags, live: live?.tags)
        diff.compare("publicAccessBlock", desired: Self.describeBlock(.all), live: live?.publicAccessBlock.map(Self.describeBlock))
        diff.compare("encryption", desired: Self.encryption, live: live?.encryption)
        diff.compare("policy", desired: ECRRepositoryResource.canonical(policy), live: live?.policy)
        diff.compare("lifecycle", desired: lifecycle.map(Self.describeRule), live: live?.lifecycle?.map(Self.describeRule))
    }

    /// Creates the bucket (one this account already owns counts as created: a killed run's),
    /// then puts every setting.
    func create(_ context: ResourceContext) async throws -> Live {
        do {
            try await s3.createBucket(bucket)
        } catch let error as AWSError where error.code == S3.ErrorCode.bucketAlreadyOwnedByYou {}
        let fields = ["tags", "publicAccessBlock", "encryption", "policy", "lifecycle"]
        let empty = Live(tags: [:], publicAccessBlock: nil, encryption: nil, policy: nil, lifecycle: nil)
        return try await put(Set(fields), on: empty, context: context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await put(Set(changes.map(\.field)), on: live, context: context)
    }

    /// Access is blocked before the policy goes on, so the bucket is never open meanwhile.
    private func put(_ fields: Set<String>, on live: Live, context: ResourceContext) async throws -> Live {
        var live = live
        if fields.contains("publicAccessBlock") {
            try await s3.putPublicAccessBlock(bucket, .all)
            live.publicAccessBlock = .all
        }
        if fields.contains("encryption") {
            try await s3.putDefaultEncryption(bucket, algorithm: Self.encryption)
            live.encryption = Self.encryption
        }
        if fields.contains("policy") {
            try await s3.putBucketPolicy(bucket, policy.encodedString())
            live.policy = ECRRepositoryResource.canonical(policy)
        }
        if fields.contains("lifecycle") {
            try await s3.putLifecycleRules(bucket, lifecycle)
            live.lifecycle = lifecycle
        }
        if fields.contains("tags") {
            try await s3.putBucketTags(bucket, context.tags)
            live.tags = context.tags
        }
        return live
    }

    /// Production: kept, with its logs (`down` lists it among what it keeps). Otherwise emptied
    /// and deleted.
    func delete(_ live: Live, context: ResourceContext) async throws {
        if production {
            context.events.emit(.note(address, message: "kept access-log bucket \(bucket) and its logs (production stack)"))
            return
        }
        try await s3.emptyAndDeleteBucket(bucket)
    }

    struct Outputs: PublishedOutputs {
        let bucket: String
        let arn: String
        /// The key prefix the load balancer writes under (empty: none).
        let prefix: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(bucket: bucket, arn: "arn:aws:s3:::\(bucket)", prefix: prefix ?? "")
    }

    static func describeBlock(_ block: S3.PublicAccessBlock) -> String {
        zip(S3.PublicAccessBlock.fields, block.values).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    static func describeRule(_ rule: S3.ExpirationRule) -> String {
        "\(rule.id): \(rule.enabled ? "enabled" : "disabled"), prefix '\(rule.prefix)', expire after \(rule.days.map(String.init) ?? "-") days"
    }
}

extension AccessLogBucketResource: SingleKindResource {
    static let kind = "s3_bucket"

    /// The one bucket name a stack's region can have: found by name, claimed by its tags.
    struct Scope: Sendable {
        let client: AWSClient
        let bucket: String
    }

    static func listTagged(stack: String, in scope: Scope) async throws -> [TaggedObject] {
        let s3 = S3(client: scope.client)
        guard try await s3.bucketExists(scope.bucket) else { return [] }
        let tags = try await s3.bucketTags(scope.bucket)
        return tags[ResourceTags.stackKey] == stack ? [TaggedObject(id: scope.bucket, tags: tags)] : []
    }

    static func delete(id: String, in scope: Scope, context: ResourceContext) async throws {
        try await S3(client: scope.client).emptyAndDeleteBucket(id)
    }
}

/// The access-log bucket's name is taken in another region (by this account: S3 names are global).
struct AccessLogBucketElsewhere: Error, CustomStringConvertible {
    let bucket: String
    let region: String
    let wanted: String

    var description: String {
        "bucket \(bucket) is in \(region); the ALB's access logs need it in \(wanted) (delete it there, or rename the stack)"
    }
}
