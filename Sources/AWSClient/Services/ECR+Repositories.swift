extension ECR {
    /// What listing a repository gives: its name and ARN.
    public struct Repository: Sendable, Equatable {
        public var name: String
        public var arn: String
    }

    /// Every repository in the region.
    public func describeRepositories() async throws -> [Repository] {
        var repositories: [Repository] = []
        for try await page in client.jsonPages(.ecr, "DescribeRepositories", [:]) {
            for repository in page["repositories"]?.array ?? [] {
                guard let name = repository["repositoryName"]?.string, let arn = repository["repositoryArn"]?.string else { continue }
                repositories.append(Repository(name: name, arn: arn))
            }
        }
        return repositories
    }

    public func listTagsForResource(arn: String) async throws -> [String: String] {
        try await client.json(.ecr, "ListTagsForResource", ["resourceArn": .string(arn)])["tags"]?.tagDictionary() ?? [:]
    }

    /// `force` also deletes the images it holds.
    public func deleteRepository(name: String, force: Bool) async throws {
        _ = try await client.json(.ecr, "DeleteRepository", ["repositoryName": .string(name), "force": .bool(force)])
    }
}
