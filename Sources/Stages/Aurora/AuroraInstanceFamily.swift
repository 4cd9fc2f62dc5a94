import AWSClient
import Provisioning

/// The stack's Aurora instances in a region (identifiers start with the stack's prefix; tags confirm).
struct AuroraInstanceFamily: ResourceFamily {
    let region: RegionName
    let client: AWSClient
    let idPrefix: String
    var stage: Stage { .dataplane }
    var kind: String { "rds_instance" }
    var rds: RDS { RDS(client: client) }

    func listTagged(stack: String) async throws -> [TaggedResource] {
        try await rds.describeDBInstances()
            .filter { $0.id.hasPrefix(idPrefix) && $0.status != "deleting" && $0.tags[ResourceTags.stackKey] == stack }
            .map { TaggedResource(id: $0.id, region: region, kind: kind, tags: $0.tags) }
    }

    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBInstance(id: resource.id) }
        let _: Bool = try await context.wait(for: "Aurora instance \(resource.id) deleted") {
            guard let instance = try await rds.describeDBInstance(id: resource.id) else { return .done(true) }
            return .pending(instance.status)
        }
    }
}
