/// A bucket and the settings tpsctl keeps on its access-log buckets: tags, public access
/// block, default encryption, policy and lifecycle.
extension S3 {
    /// The four switches of a bucket's public access block.
    public struct PublicAccessBlock: Sendable, Hashable {
        public var blockPublicAcls: Bool
        public var ignorePublicAcls: Bool
        public var blockPublicPolicy: Bool
        public var restrictPublicBuckets: Bool

        public init(blockPublicAcls: Bool, ignorePublicAcls: Bool, blockPublicPolicy: Bool, restrictPublicBuckets: Bool) {
            self.blockPublicAcls = blockPublicAcls
            self.ignorePublicAcls = ignorePublicAcls
            self.blockPublicPolicy = blockPublicPolicy
            self.restrictPublicBuckets = restrictPublicBuckets
        }

        /// Everything public refused.
        public static let all = PublicAccessBlock(blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true,
                                                  restrictPublicBuckets: true)

        /// The XML element names, in the order of `values`.
        public static let fields = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]
        public var values: [Bool] { [blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets] }
    }

    /// One lifecycle rule that expires the objects under `prefix` (`""`: all) after `days`.
    public struct ExpirationRule: Sendable, Hashable {
        public var id: String
        public var prefix: String
        public var days: Int?
        public var enabled: Bool

        public init(id: String, prefix: String, days: Int?, enabled: Bool = true) {
            self.id = id
            self.prefix = prefix
            self.days = days
            self.enabled = enabled
        }

        init(_ rule: XMLTree) {
            self.init(id: rule.string("ID") ?? "", prefix: rule.string("Filter", "Prefix") ?? rule.string("Prefix") ?? "",
                      days: rule.string("Expiration", "Days").flatMap { Int($0) }, enabled: rule.string("Status") == "Enabled")
        }

        var element: XMLTree {
            XMLTree("Rule", children: [
                .leaf("ID", id), XMLTree("Filter", children: [.leaf("Prefix", prefix)]),
                .leaf("Status", enabled ? "Enabled" : "Disabled"),
                XMLTree("Expiration", children: days.map { [XMLTree.leaf("Days", String($0))] } ?? []),
            ])
        }
    }

    /// Creates the bucket in the client's region (us-east-1 takes no location constraint).
    /// Throws `BucketAlreadyOwnedByYou` when this account has it already.
    public func createBucket(_ bucket: String) async throws {
        let body = client.region == "us-east-1" ? [] : Self.document("CreateBucketConfiguration", [
            .leaf("LocationConstraint", client.region),
        ])
        _ = try await send("CreateBucket", method: "PUT", bucket: bucket, body: body)
    }

    /// Whether the bucket exists and this account may use it (HeadBucket: 404 when absent; 403
    /// when another account has the name).
    public func bucketExists(_ bucket: String) async throws -> Bool {
        try await bucketRegion(bucket) != nil
    }

    /// The region the bucket is in (HeadBucket's `x-amz-bucket-region`, which S3 sends even
    /// when it answers from another region with a 301); nil when there is no such bucket.
    public func bucketRegion(_ bucket: String) async throws -> String? {
        do {
            let response = try await send("HeadBucket", method: "HEAD", bucket: bucket)
            return response.header("x-amz-bucket-region") ?? client.region
        } catch let error as AWSError where error.httpStatus == 404 || error.code == ErrorCode.noSuchBucket {
            return nil
        }
    }

    /// Deletes an empty bucket.
    public func deleteBucket(_ bucket: String) async throws {
        _ = try await send("DeleteBucket", method: "DELETE", bucket: bucket)
    }

    public func bucketTags(_ bucket: String) async throws -> [String: String] {
        try await Self.absentOn(ErrorCode.noSuchTagSet) {
            let root = try Self.xml(try await send("GetBucketTagging", method: "GET", bucket: bucket, query: [(name: "tagging", value: "")]))
            var tags: [String: String] = [:]
            for tag in root?.child("TagSet")?.children("Tag") ?? [] {
                if let key = tag.string("Key") { tags[key] = tag.string("Value") ?? "" }
            }
            return tags
        } ?? [:]
    }

    /// Replaces the bucket's whole tag set.
    public func putBucketTags(_ bucket: String, _ tags: [String: String]) async throws {
        let body = Self.document("Tagging", [XMLTree("TagSet", children: tags.keys.sorted().map {
            XMLTree("Tag", children: [.leaf("Key", $0), .leaf("Value", tags[$0]!)])
        })])
        _ = try await send("PutBucketTagging", method: "PUT", bucket: bucket, query: [(name: "tagging", value: "")], body: body)
    }

    public func publicAccessBlock(_ bucket: String) async throws -> PublicAccessBlock? {
        try await Self.absentOn(ErrorCode.noSuchPublicAccessBlockConfiguration) {
            let root = try Self.xml(try await send("GetPublicAccessBlock", method: "GET", bucket: bucket,
                                                   query: [(name: "publicAccessBlock", value: "")]))
            let flags = PublicAccessBlock.fields.map { root?.string($0) == "true" }
            return PublicAccessBlock(blockPublicAcls: flags[0], ignorePublicAcls: flags[1], blockPublicPolicy: flags[2],
                                     restrictPublicBuckets: flags[3])
        }
    }

    public func putPublicAccessBlock(_ bucket: String, _ block: PublicAccessBlock) async throws {
        let body = Self.document("PublicAccessBlockConfiguration", zip(PublicAccessBlock.fields, block.values).map {
            .leaf($0, $1 ? "true" : "false")
        })
        _ = try await send("PutPublicAccessBlock", method: "PUT", bucket: bucket, query: [(name: "publicAccessBlock", value: "")],
                           body: body)
    }

    /// The default encryption's algorithm (`AES256` is SSE-S3, `aws:kms` SSE-KMS); nil: none set.
    public func defaultEncryption(_ bucket: String) async throws -> String? {
        try await Self.absentOn(ErrorCode.noEncryptionConfiguration) {
            try Self.xml(try await send("GetBucketEncryption", method: "GET", bucket: bucket, query: [(name: "encryption", value: "")]))?
                .string("Rule", "ApplyServerSideEncryptionByDefault", "SSEAlgorithm")
        } ?? nil
    }

    public func putDefaultEncryption(_ bucket: String, algorithm: String) async throws {
        let body = Self.document("ServerSideEncryptionConfiguration", [XMLTree("Rule", children: [
            XMLTree("ApplyServerSideEncryptionByDefault", children: [.leaf("SSEAlgorithm", algorithm)]),
        ])])
        _ = try await send("PutBucketEncryption", method: "PUT", bucket: bucket, query: [(name: "encryption", value: "")], body: body)
    }

    /// The bucket policy's JSON text as S3 keeps it; nil: none.
    public func bucketPolicy(_ bucket: String) async throws -> String? {
        try await Self.absentOn(ErrorCode.noSuchBucketPolicy) {
            String(decoding: try await send("GetBucketPolicy", method: "GET", bucket: bucket, query: [(name: "policy", value: "")]).body,
                   as: UTF8.self)
        }
    }

    public func putBucketPolicy(_ bucket: String, _ policy: String) async throws {
        _ = try await send("PutBucketPolicy", method: "PUT", bucket: bucket, query: [(name: "policy", value: "")],
                           headers: [(name: "Content-Type", value: "application/json")], body: Array(policy.utf8))
    }

    /// The lifecycle rules; nil: no lifecycle configuration.
    public func lifecycleRules(_ bucket: String) async throws -> [ExpirationRule]? {
        try await Self.absentOn(ErrorCode.noSuchLifecycleConfiguration) {
            (try Self.xml(try await send("GetBucketLifecycleConfiguration", method: "GET", bucket: bucket,
                                         query: [(name: "lifecycle", value: "")]))?.children("Rule") ?? []).map(ExpirationRule.init)
        }
    }

    /// Replaces the whole lifecycle configuration.
    public func putLifecycleRules(_ bucket: String, _ rules: [ExpirationRule]) async throws {
        let body = Self.document("LifecycleConfiguration", rules.map(\.element))
        _ = try await send("PutBucketLifecycleConfiguration", method: "PUT", bucket: bucket,
                           query: [(name: "lifecycle", value: "")], body: body)
    }
}
