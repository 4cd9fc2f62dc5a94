import AWSClient
import Provisioning

/// The stack's ECS services in its region's cluster (tags confirm). A missing cluster means
/// no services.
struct ECSServiceFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let clusterName: String
    var stage: Stage { .services }
    var kind: String { "ecs_service" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let ecs = ECS(client: client)
        let arns: [String]
        do {
            arns = try await ecs.serviceArns(cluster: clusterName)
        } catch where AWSErrorMatching.isNotFound(error) || AWSErrorMatching.hasCode(error, "ClusterNotFoundException") {
            return []
        }
        var found: [TaggedResource] = []
        for arn in arns {
            let name = arn.split(separator: "/").last.map(String.init) ?? arn
            guard let service = try await ecs.service(name, cluster: clusterName), service.status == "ACTIVE",
                  service.tags[ResourceTags.stackKey] == stack else { continue }
            found.append(TaggedResource(id: name, region: region, kind: kind, tags: service.tags))
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await ECS(client: client).deleteService(resource.id, cluster: clusterName)
        }
    }
}
