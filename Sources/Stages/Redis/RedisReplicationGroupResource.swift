import AWSClient
import Provisioning

/// The Redis replication group: a primary plus `replicas` (Multi-AZ with automatic failover
/// when there is a replica), encrypted in transit and at rest, AUTH token read from its secret
/// only for the create call. Waited until `available`: the services cannot start without it.
/// Node type, replicas and failover change in place; only the encryption settings and the AUTH
/// token's presence (which AWS cannot change on a live group here) replace it — replacing drops
/// every hold the group keeps.
struct RedisReplicationGroupResource: Resource {
    typealias Live = ElastiCache.ReplicationGroup

    let address: ResourceAddress
    let client: AWSClient
    let groupId: String
    let nodeType: String
    let replicas: Int
    let engineVersion: String
    let transitEncryption: Bool
    let atRestEncryption: Bool
    let subnetGroup: Dependency<CacheSubnetGroupResource.Outputs>
    let securityGroup: Dependency<SecurityGroupResource.Outputs>
    let authSecret: Dependency<StackSecretResource.Outputs>
    /// Local stacks: the Redis that holds the group's data, flushed with it.
    var localStores: LocalStores? = nil

    var dependencies: [ResourceAddress] { [subnetGroup.address, securityGroup.address, authSecret.address] }
    var elastiCache: ElastiCache { ElastiCache(client: client) }
    var highlyAvailable: Bool { replicas > 0 }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let group = try await elastiCache.describeReplicationGroup(id: groupId), group.status != "deleting" else {
            return nil
        }
        return group
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        if live?.status == "create-failed" { diff.replace(because: "the replication group failed to create") }
        diff.compare("nodeType", desired: nodeType, live: live?.nodeType)
        diff.compare("nodeCount", desired: replicas + 1, live: live?.memberClusters.count)
        diff.compare("multiAZ", desired: highlyAvailable, live: live.map { $0.multiAZ == "enabled" })
        diff.compare("automaticFailover", desired: highlyAvailable, live: live.map { $0.automaticFailover == "enabled" })
        diff.compare("transitEncryption", desired: transitEncryption, live: live?.transitEncryption, onChange: .replace)
        diff.compare("atRestEncryption", desired: atRestEncryption, live: live?.atRestEncryption, onChange: .replace)
        diff.compare("authToken", desired: transitEncryption, live: live?.authTokenEnabled, onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        // An AUTH token needs TLS; without TLS the group runs without one (the stack says so).
        let token = transitEncryption
            ? try await SecretsManager(client: client).getSecretValue(id: try context.requireOutput(\.secret.arn, of: authSecret))
            : nil
        let spec = ElastiCache.ReplicationGroupSpec(
            id: groupId, summary: "\(context.stack) seat holds", engineVersion: engineVersion, nodeType: nodeType,
            replicas: replicas, subnetGroupName: try context.requireOutput(\.subnetGroupName, of: subnetGroup),
            securityGroupIds: [try context.requireOutput(\.groupId, of: securityGroup)],
            transitEncryption: transitEncryption, atRestEncryption: atRestEncryption, authToken: token?.value)
        return try await creatingOnce(context, existsCodes: "ReplicationGroupAlreadyExists") {
            try await elastiCache.createReplicationGroup(spec, tags: context.tags)
        }
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        // ElastiCache refuses changes unless the group is available, and takes one at a time.
        var current = try await waitUntilReady(live, context: context)
        let fields = Set(changes.map(\.field))
        let liveReplicas = max(0, current.memberClusters.count - 1)
        let resize = fields.contains("nodeCount") && liveReplicas != replicas
        // Replicas come before Multi-AZ is enabled (it needs one) and go after it is disabled.
        if resize, replicas > liveReplicas {
            current = try await resizing(from: liveReplicas, context: context)
        }
        if fields.contains("nodeType") || fields.contains("multiAZ") || fields.contains("automaticFailover") {
            current = try await elastiCache.modifyReplicationGroup(
                id: groupId, nodeType: fields.contains("nodeType") ? nodeType : nil,
                highlyAvailable: fields.contains("multiAZ") || fields.contains("automaticFailover")
                    ? highlyAvailable : nil)
            if resize, replicas < liveReplicas { current = try await waitUntilReady(current, context: context) }
        }
        if resize, replicas < liveReplicas {
            current = try await resizing(from: liveReplicas, context: context)
        }
        return current
    }

    /// One replica-count change, waited for when another change follows it.
    private func resizing(from liveReplicas: Int, context: ResourceContext) async throws -> Live {
        context.events.emit(.note(address, message: "replicas \(liveReplicas) → \(replicas) in place (holds are kept)"))
        let changed = try await elastiCache.changeReplicaCount(id: groupId, from: liveReplicas, to: replicas)
        return try await waitUntilReady(changed, context: context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        // A group a killed run left `creating` or `modifying` cannot be deleted until it settles.
        if ["creating", "modifying", "snapshotting"].contains(live.status) { _ = try await waitUntilReady(live, context: context) }
        if let localStores, localStores.redis != nil {
            try await localStores.eraseRedis()
            context.events.emit(.note(address, message: "flushed the local Redis (the group's data)"))
        }
        try await AWSErrorMatching.ignoringNotFound { try await elastiCache.deleteReplicationGroup(id: groupId) }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "available" else { return live }
        return try await context.wait(for: "Redis \(groupId) available") {
            guard let current = try await elastiCache.describeReplicationGroup(id: groupId) else {
                return .failed("the replication group disappeared")
            }
            switch current.status {
            case "available": return .done(current)
            case "create-failed", "deleting": return .failed("status \(current.status)")
            default: return .pending(current.status)
            }
        }
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        try await Self.waitUntilGone(id: groupId, elastiCache: elastiCache, context: context)
    }

    static func waitUntilGone(id: String, elastiCache: ElastiCache, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "Redis \(id) deleted") {
            guard let current = try await elastiCache.describeReplicationGroup(id: id) else { return .done(true) }
            return .pending(current.status)
        }
    }

    struct Outputs: PublishedOutputs {
        let replicationGroupId, arn, host, readerHost, port, transitEncryption: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(replicationGroupId: live.id, arn: live.arn, host: live.primaryHost, readerHost: live.readerHost,
                port: String(live.primaryPort), transitEncryption: live.transitEncryption ? "true" : "false")
    }
}


extension RedisReplicationGroupResource: SingleKindResource {
    static let kind = "redis_replication_group"

    /// The stack's replication groups (ids start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let elastiCache = ElastiCache(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await elastiCache.describeReplicationGroups().filter { $0.id.hasPrefix(scope.namePrefix) && $0.status != "deleting" },
            stack: stack, id: \.id, tags: { try await elastiCache.listTags(arn: $0.arn) })
    }

    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        let elastiCache = ElastiCache(client: scope.client)
        try await AWSErrorMatching.ignoringNotFound { try await elastiCache.deleteReplicationGroup(id: id) }
        try await waitUntilGone(id: id, elastiCache: elastiCache, context: context)
    }
}
