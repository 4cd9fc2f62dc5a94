import AWSClient
import Provisioning

/// The stack's active ECS clusters in a region (tags confirm).
struct ECSClusterFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    var stage: Stage { .cluster }
    var kind: String { "ecs_cluster" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var arns: [String] = []
        for try await page in client.jsonPages(.ecs, "ListClusters", [:]) {
            arns += (page["clusterArns"]?.array ?? []).compactMap(\.string)
        }
        guard !arns.isEmpty else { return [] }
        var found: [TaggedResource] = []
        for chunk in stride(from: 0, to: arns.count, by: 100).map({ Array(arns[$0..<min($0 + 100, arns.count)]) }) {
            let output = try await client.json(.ecs, "DescribeClusters", [
                "clusters": .array(chunk.map { .string($0) }), "include": ["TAGS"],
            ])
            for cluster in output["clusters"]?.array ?? [] where cluster["status"]?.string == "ACTIVE" {
                let tags = JSONTags.parse(cluster["tags"], keyName: "key", valueName: "value")
                guard tags[ResourceTags.stackKey] == stack, let name = cluster["clusterName"]?.string else { continue }
                found.append(TaggedResource(id: name, region: region, kind: kind, tags: tags))
            }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.json(.ecs, "DeleteCluster", ["cluster": .string(resource.id)])
        }
    }
}
