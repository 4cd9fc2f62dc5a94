import AWSClient
import Provisioning

/// The cluster's writer: one `db.serverless` instance (Serverless v2 capacity comes from the
/// cluster's ACU range). Waited until available: the cluster takes no connections before.
struct AuroraInstanceResource: Resource {
    typealias Live = RDS.DBInstance

    let address: ResourceAddress
    let client: AWSClient
    let instanceId: String
    let cluster: Dependency<AuroraClusterResource.Outputs>
    var instanceClass = "db.serverless"

    var dependencies: [ResourceAddress] { [cluster.address] }
    var rds: RDS { RDS(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let instance = try await rds.describeDBInstance(id: instanceId), instance.status != "deleting" else {
            return nil
        }
        return instance
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        if live?.status == "failed" { diff.replace(because: "the instance failed") }
        diff.compare("instanceClass", desired: instanceClass, live: live?.instanceClass, onChange: .replace)
        diff.compare("cluster", desired: try context.output(\.clusterId, of: cluster), live: live?.clusterId,
                     onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        return try await creatingOnce(context, existsCodes: "DBInstanceAlreadyExists", "DBInstanceAlreadyExistsFault") {
            try await rds.createDBInstance(
                id: instanceId, clusterId: try context.requireOutput(\.clusterId, of: cluster),
                instanceClass: instanceClass, tags: context.tags)
        }
    }

    /// Every compared field replaces: nothing to change in place.
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live { live }

    func delete(_ live: Live, context: ResourceContext) async throws {
        if live.status == "creating" { _ = try await waitUntilReady(live, context: context) }
        do {
            try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBInstance(id: instanceId) }
        } catch where AWSErrorMatching.hasCode(error, "InvalidDBInstanceState", "InvalidDBInstanceStateFault") {
            // Already being deleted by an interrupted `down`: waitUntilGone takes it from here.
            guard try await rds.describeDBInstance(id: instanceId).map({ $0.status == "deleting" }) ?? true else { throw error }
        }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "available" else { return live }
        return try await context.wait(for: "Aurora writer \(instanceId) available") {
            guard let current = try await rds.describeDBInstance(id: instanceId) else {
                return .failed("the instance disappeared")
            }
            switch current.status {
            case "available": return .done(current)
            case "failed", "deleting", "incompatible-parameters": return .failed("status \(current.status)")
            default: return .pending(current.status)
            }
        }
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        try await Self.waitUntilGone(id: instanceId, rds: rds, context: context)
    }

    static func waitUntilGone(id: String, rds: RDS, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "Aurora writer \(id) deleted") {
            guard let current = try await rds.describeDBInstance(id: id) else { return .done(true) }
            return .pending(current.status)
        }
    }

    struct Outputs: PublishedOutputs {
        let instanceId, arn, instanceClass: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(instanceId: live.id, arn: live.arn, instanceClass: live.instanceClass)
    }
}

extension AuroraInstanceResource: SingleKindResource {
    static let kind = "rds_instance"

    /// The stack's instances (identifiers start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        try await RDS(client: scope.client).describeDBInstances()
            .filter { $0.id.hasPrefix(scope.namePrefix) && $0.status != "deleting" && $0.tags[ResourceTags.stackKey] == stack }
            .map { TaggedObject(id: $0.id, tags: $0.tags) }
    }

    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        let rds = RDS(client: scope.client)
        try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBInstance(id: id) }
        try await waitUntilGone(id: id, rds: rds, context: context)
    }
}
