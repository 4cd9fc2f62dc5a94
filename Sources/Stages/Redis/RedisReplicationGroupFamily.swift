import AWSClient
import Provisioning

/// The stack's Redis replication groups in a region (ids start with the stack's prefix; tags confirm).
struct RedisReplicationGroupFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let idPrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "redis_replication_group" }
    var elastiCache: ElastiCache { ElastiCache(client: client) }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var found: [TaggedResource] = []
        for group in try await elastiCache.describeReplicationGroups()
        where group.id.hasPrefix(idPrefix) && group.status != "deleting" {
            let tags = try await elastiCache.listTags(arn: group.arn)
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: group.id, region: region, kind: kind, tags: tags)) }
        }
        return found
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await elastiCache.deleteReplicationGroup(id: resource.id) }
        let _: Bool = try await context.wait(for: "Redis \(resource.id) deleted") {
            guard let group = try await elastiCache.describeReplicationGroup(id: resource.id) else { return .done(true) }
            return .pending(group.status)
        }
    }
}
