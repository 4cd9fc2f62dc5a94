import AWSClient
import Provisioning

/// The stack's task definition families in a region (`<stack>-<region-short>-…` with an ACTIVE
/// revision; the latest revision's tags confirm). Deleting one retires every revision.
struct TaskDefinitionFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .taskdefs }
    var kind: String { "task_definition" }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        let ecs = ECS(client: client)
        var found: [TaggedResource] = []
        for family in try await ecs.taskDefinitionFamilies(prefix: namePrefix) {
            guard let latest = try await ecs.activeRevisions(family: family).first else { continue }
            let tags = try await ecs.describeTaskDefinition(latest).tags
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: family, region: region, kind: kind, tags: tags)) }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await TaskDefinitionResource.retire(family: resource.id, ecs: ECS(client: client))
    }
}
