import AWSClient
import Provisioning

/// The stack's Aurora clusters in a region (identifiers start with the stack's prefix; tags confirm).
struct AuroraClusterFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let idPrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "rds_cluster" }
    var rds: RDS { RDS(client: client) }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        try await rds.describeDBClusters()
            .filter { $0.id.hasPrefix(idPrefix) && $0.status != "deleting" && $0.tags[ResourceTags.stackKey] == stack }
            .map { TaggedResource(id: $0.id, region: region, kind: kind, tags: $0.tags) }
    }

    /// Retried while its instances are still leaving; waits until the cluster is gone.
    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBCluster(id: resource.id) }
        }
        let _: Bool = try await context.wait(for: "Aurora cluster \(resource.id) deleted") {
            guard let cluster = try await rds.describeDBCluster(id: resource.id) else { return .done(true) }
            return .pending(cluster.status)
        }
    }
}
