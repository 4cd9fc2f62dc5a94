import AWSClient
import Provisioning

/// The private subnets ElastiCache may place Redis nodes in (one per AZ, so a replica can sit
/// in another AZ than the primary).
struct CacheSubnetGroupResource: Resource {
    struct Live: Sendable {
        var name: String
        var subnets: Set<String>
    }

    let address: ResourceAddress
    let client: AWSClient
    let groupName: String
    let subnets: [Dependency<SubnetResource.Outputs>]

    var dependencies: [ResourceAddress] { subnets.map(\.address) }
    var elastiCache: ElastiCache { ElastiCache(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        let groups: [ElastiCache.CacheSubnetGroup]
        do {
            groups = try await elastiCache.describeCacheSubnetGroups(name: groupName)
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        return groups.first.map { Live(name: $0.name, subnets: $0.subnetIds) }
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("subnets", desired: Set(try subnets.map { try context.output(\.subnetId, of: $0) }), live: live?.subnets)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        return try await creatingOnce(context, existsCodes: "CacheSubnetGroupAlreadyExists") {
            let group = try await elastiCache.createCacheSubnetGroup(
                name: groupName, description: "Private subnets of \(context.stack) Redis",
                subnetIds: try subnetIds(context), tags: context.tags)
            return Live(name: group.name, subnets: group.subnetIds)
        }
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let group = try await elastiCache.modifyCacheSubnetGroup(name: groupName, subnetIds: try subnetIds(context))
        return Live(name: group.name, subnets: group.subnetIds)
    }

    /// Refused while a replication group (even one still deleting) uses the group: retried.
    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await elastiCache.deleteCacheSubnetGroup(name: groupName) }
        }
    }

    struct Outputs: PublishedOutputs {
        let subnetGroupName: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(subnetGroupName: live.name)
    }

    private func subnetIds(_ context: ResourceContext) throws -> [String] {
        try subnets.map { try context.requireOutput(\.subnetId, of: $0) }
    }
}

extension CacheSubnetGroupResource: SingleKindResource {
    static let kind = "cache_subnet_group"

    /// The stack's cache subnet groups (names start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let elastiCache = ElastiCache(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await elastiCache.describeCacheSubnetGroups().filter { $0.name.hasPrefix(scope.namePrefix) }, stack: stack,
            id: \.name, tags: { try await elastiCache.listTags(arn: $0.arn) })
    }

    /// Retried while a replication group still uses it.
    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await ElastiCache(client: scope.client).deleteCacheSubnetGroup(name: id) }
        }
    }
}
