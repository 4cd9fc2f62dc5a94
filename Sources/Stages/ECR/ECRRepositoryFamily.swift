import AWSClient
import Provisioning

/// The stack's ECR repositories in a region (`<stack>/<service>`; tags confirm).
struct ECRRepositoryFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .ecr }
    var kind: String { "ecr_repository" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var found: [TaggedResource] = []
        for try await page in client.jsonPages(.ecr, "DescribeRepositories", [:]) {
            for repository in page["repositories"]?.array ?? [] {
                guard let name = repository["repositoryName"]?.string, name.hasPrefix(namePrefix),
                    let arn = repository["repositoryArn"]?.string
                else { continue }
                let tags = JSONTags.parse(try await client.json(.ecr, "ListTagsForResource", ["resourceArn": .string(arn)])["tags"])
                if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: name, region: region, kind: kind, tags: tags)) }
            }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.json(.ecr, "DeleteRepository", ["repositoryName": .string(resource.id), "force": true])
        }
    }
}
