import AWSClient
import Provisioning

/// The stack's cache subnet groups in a region (names start with the stack's prefix; tags confirm).
struct CacheSubnetGroupFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "cache_subnet_group" }
    var elastiCache: ElastiCache { ElastiCache(client: client) }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var found: [TaggedResource] = []
        for group in try await elastiCache.describeCacheSubnetGroups() where group.name.hasPrefix(namePrefix) {
            let tags = try await elastiCache.listTags(arn: group.arn)
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: group.name, region: region, kind: kind, tags: tags)) }
        }
        return found
    }

    /// Retried while a replication group still uses it.
    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await elastiCache.deleteCacheSubnetGroup(name: resource.id) }
        }
    }
}
