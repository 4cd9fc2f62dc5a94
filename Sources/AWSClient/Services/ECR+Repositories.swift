/// ECR repositories and their settings: tag mutability, scan on push and the lifecycle policy
/// that expires old images.
extension ECR {
    public struct Repository: Sendable, Equatable {
        public var name: String
        public var arn: String
        /// `<account>.dkr.ecr.<region>.amazonaws.com/<name>`.
        public var uri: String
        /// `MUTABLE` or `IMMUTABLE`.
        public var imageTagMutability: String
        public var scanOnPush: Bool

        init(_ json: JSONValue) {
            name = json["repositoryName"]?.string ?? ""
            arn = json["repositoryArn"]?.string ?? ""
            uri = json["repositoryUri"]?.string ?? ""
            imageTagMutability = json["imageTagMutability"]?.string ?? ""
            scanOnPush = json["imageScanningConfiguration"]?["scanOnPush"]?.bool ?? false
        }
    }

    /// The named repositories; one that does not exist is `RepositoryNotFoundException`.
    public func describeRepositories(names: [String]) async throws -> [Repository] {
        let output = try await client.json(.ecr, "DescribeRepositories", ["repositoryNames": .array(names.map { .string($0) })])
        return (output["repositories"]?.array ?? []).map(Repository.init)
    }

    /// Tagged at creation, so a crash right after still leaves a findable repository.
    public func createRepository(name: String, imageTagMutability: String, scanOnPush: Bool,
                                 tags: [String: String]) async throws -> Repository {
        let output = try await client.json(.ecr, "CreateRepository", [
            "repositoryName": .string(name), "imageTagMutability": .string(imageTagMutability),
            "imageScanningConfiguration": ["scanOnPush": .bool(scanOnPush)],
            "tags": .array(tags.keys.sorted().map { ["Key": .string($0), "Value": .string(tags[$0]!)] }),
        ])
        return Repository(output["repository"] ?? [:])
    }

    public func putImageTagMutability(repositoryName: String, imageTagMutability: String) async throws {
        _ = try await client.json(.ecr, "PutImageTagMutability", [
            "repositoryName": .string(repositoryName), "imageTagMutability": .string(imageTagMutability),
        ])
    }

    public func putImageScanningConfiguration(repositoryName: String, scanOnPush: Bool) async throws {
        _ = try await client.json(.ecr, "PutImageScanningConfiguration", [
            "repositoryName": .string(repositoryName), "imageScanningConfiguration": ["scanOnPush": .bool(scanOnPush)],
        ])
    }

    /// The policy's JSON text; a repository without one is `LifecyclePolicyNotFoundException`.
    public func getLifecyclePolicy(repositoryName: String) async throws -> String? {
        let output = try await client.json(.ecr, "GetLifecyclePolicy", ["repositoryName": .string(repositoryName)])
        return output["lifecyclePolicyText"]?.string
    }

    public func putLifecyclePolicy(repositoryName: String, lifecyclePolicyText: String) async throws {
        _ = try await client.json(.ecr, "PutLifecyclePolicy", [
            "repositoryName": .string(repositoryName), "lifecyclePolicyText": .string(lifecyclePolicyText),
        ])
    }

    /// `force` deletes the images with it.
    public func deleteRepository(name: String, force: Bool) async throws {
        _ = try await client.json(.ecr, "DeleteRepository", ["repositoryName": .string(name), "force": .bool(force)])
    }

    /// Every repository in the region (follows nextToken).
    public func describeRepositories() async throws -> [Repository] {
        var repositories: [Repository] = []
        for try await page in client.jsonPages(.ecr, "DescribeRepositories", [:]) {
            repositories += (page["repositories"]?.array ?? []).map(Repository.init)
        }
        return repositories
    }

    public func listTagsForResource(arn: String) async throws -> [String: String] {
        try await client.json(.ecr, "ListTagsForResource", ["resourceArn": .string(arn)])["tags"]?.tagDictionary() ?? [:]
    }
}
