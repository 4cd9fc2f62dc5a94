import Foundation
import AWSClient
import Provisioning
import Stack

/// The Aurora PostgreSQL Serverless v2 cluster: storage encrypted, capacity between the stack's
/// min and max ACU, master password generated and kept by RDS in Secrets Manager
/// (ManageMasterUserPassword) so tpsctl never sees it. Outputs carry the secret's ARN only.
struct AuroraClusterResource: Resource {
    typealias Live = RDS.DBCluster

    let address: ResourceAddress
    let client: AWSClient
    let clusterId: String
    let config: AuroraConfig
    let subnetGroup: Dependency<DBSubnetGroupResource.Outputs>
    let securityGroup: Dependency<SecurityGroupResource.Outputs>
    /// Local stacks: the PostgreSQL that holds the cluster's data, erased with it.
    var localStores: LocalStores? = nil
    /// Production stacks: deletion-protected, and deleted only through a final snapshot.
    var keepsData = false
    /// `down --skip-final-snapshot`: a production cluster goes without its final snapshot.
    var skipFinalSnapshot = false

    var dependencies: [ResourceAddress] { [subnetGroup.address, securityGroup.address] }
    var rds: RDS { RDS(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let cluster = try await rds.describeDBCluster(id: clusterId), cluster.status != "deleting" else { return nil }
        return cluster
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        if let status = live?.status, ["failed", "inaccessible-encryption-credentials"].contains(status) {
            diff.replace(because: "the cluster is \(status)")
        }
        diff.compare("engine", desired: "aurora-postgresql", live: live?.engine, onChange: .replace)
        diff.compare("engineVersion", desired: config.engineVersion, live: live?.engineVersion, onChange: .replace)
        diff.compare("databaseName", desired: config.databaseName, live: live?.databaseName, onChange: .replace)
        diff.compare("masterUsername", desired: config.masterUsername, live: live?.masterUsername, onChange: .replace)
        diff.compare("storageEncrypted", desired: true, live: live?.storageEncrypted, onChange: .replace)
        diff.compare("managedMasterPassword", desired: true, live: live.map { $0.masterUserSecretArn != nil },
                     onChange: .replace)
        diff.compare("minACU", desired: AuroraConfig.formatACU(config.minACU),
                     live: live.map { $0.minACU.map(AuroraConfig.formatACU) ?? "none" })
        diff.compare("maxACU", desired: AuroraConfig.formatACU(config.maxACU),
                     live: live.map { $0.maxACU.map(AuroraConfig.formatACU) ?? "none" })
        diff.compare("deletionProtection", desired: keepsData, live: live?.deletionProtection)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let spec = RDS.ServerlessClusterSpec(
            id: clusterId, engineVersion: config.engineVersion, databaseName: config.databaseName,
            masterUsername: config.masterUsername, minACU: config.minACU, maxACU: config.maxACU,
            subnetGroupName: try context.requireOutput(\.subnetGroupName, of: subnetGroup),
            securityGroupIds: [try context.requireOutput(\.groupId, of: securityGroup)],
            backupRetentionDays: config.backupRetentionDays, port: AuroraConfig.port)
        var protected = spec
        protected.deletionProtection = keepsData
        return try await creatingOnce(context, existsCodes: "DBClusterAlreadyExistsFault") {
            try await rds.createServerlessCluster(protected, tags: context.tags)
        }
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        // RDS refuses changes while the cluster is creating or modifying.
        _ = try await waitUntilReady(live, context: context)
        return try await rds.modifyServerlessCluster(
            id: clusterId, minACU: config.minACU, maxACU: config.maxACU, backupRetentionDays: config.backupRetentionDays,
            deletionProtection: keepsData)
    }

    /// The final snapshot's name: the cluster's plus the UTC time, so each `down` of a stack
    /// recreated since keeps its own.
    func finalSnapshotName(at date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", parts.year!, parts.month!, parts.day!,
                           parts.hour!, parts.minute!, parts.second!)
        return "\(clusterId)-final-\(stamp)"
    }

    /// Without a final snapshot (`down` removes the stack's data on purpose), except on a
    /// production stack: its deletion protection is turned off, then RDS deletes the cluster
    /// through a final snapshot that stays (unless `--skip-final-snapshot`). The writer goes
    /// first (it depends on the cluster), as RDS requires; InvalidDBClusterStateFault while it
    /// is still leaving is retried. A local stack's data goes first (see `LocalStores`).
    func delete(_ live: Live, context: ResourceContext) async throws {
        if live.status == "creating" || live.status == "modifying" { _ = try await waitUntilReady(live, context: context) }
        if live.deletionProtection {
            try await rds.disableDeletionProtection(id: clusterId)
            context.events.emit(.note(address, message: "turned deletion protection off to delete the cluster"))
        }
        let finalSnapshot = keepsData && !skipFinalSnapshot ? finalSnapshotName() : nil
        // A final snapshot keeps the data: a local stack's tables then stay where they are.
        if finalSnapshot == nil, let localStores, localStores.database != nil {
            try await localStores.eraseDatabase()
            context.events.emit(.note(address, message: "erased the local database's tables (the cluster's data)"))
        }
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBCluster(id: clusterId, finalSnapshot: finalSnapshot) }
        }
        if let finalSnapshot {
            context.events.emit(.note(address, message: "kept the data in final snapshot \(finalSnapshot)"))
        }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "available" else { return live }
        return try await context.wait(for: "Aurora cluster \(clusterId) available") {
            guard let current = try await rds.describeDBCluster(id: clusterId) else {
                return .failed("the cluster disappeared")
            }
            switch current.status {
            case "available": return .done(current)
            case "failed", "deleting", "inaccessible-encryption-credentials": return .failed("status \(current.status)")
            default: return .pending(current.status)
            }
        }
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        try await Self.waitUntilGone(id: clusterId, rds: rds, context: context)
    }

    static func waitUntilGone(id: String, rds: RDS, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "Aurora cluster \(id) deleted") {
            guard let current = try await rds.describeDBCluster(id: id) else { return .done(true) }
            return .pending(current.status)
        }
    }

    struct Outputs: PublishedOutputs {
        let clusterId, arn, writerEndpoint, readerEndpoint, port, databaseName, masterUsername,
            masterUserSecretArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(clusterId: live.id, arn: live.arn, writerEndpoint: live.endpoint, readerEndpoint: live.readerEndpoint,
                port: String(live.port), databaseName: live.databaseName, masterUsername: live.masterUsername,
                masterUserSecretArn: live.masterUserSecretArn ?? "")
    }
}

extension AuroraClusterResource: SingleKindResource {
    static let kind = "rds_cluster"

    /// The stack's clusters (identifiers start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        try await RDS(client: scope.client).describeDBClusters()
            .filter { $0.id.hasPrefix(scope.namePrefix) && $0.status != "deleting" && $0.tags[ResourceTags.stackKey] == stack }
            .map { TaggedObject(id: $0.id, tags: $0.tags) }
    }

    /// Retried while its instances are still leaving; waits until the cluster is gone.
    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        let rds = RDS(client: scope.client)
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await rds.deleteDBCluster(id: id) }
        }
        try await waitUntilGone(id: id, rds: rds, context: context)
    }
}
