import AWSClient
import Provisioning

/// The stack's DB subnet groups in a region (names start with the stack's prefix; tags confirm).
struct DBSubnetGroupFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let namePrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "db_subnet_group" }
    var rds: RDS { RDS(client: client) }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        var found: [TaggedResource] = []
        for group in try await rds.describeDBSubnetGroups() where group.name.hasPrefix(namePrefix) {
            let tags = try await rds.listTags(arn: group.arn)
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedResource(id: group.name, region: region, kind: kind, tags: tags)) }
        }
        return found
    }

    /// Retried while a cluster still uses it.
    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBSubnetGroup(name: resource.id) }
        }
    }
}
