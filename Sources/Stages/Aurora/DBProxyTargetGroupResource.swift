import AWSClient
import Provisioning
import Stack

/// The proxy's `default` target group: its connection pool (MaxConnectionsPercent of the
/// writer's max_connections, the share the connection budget counts; ConnectionBorrowTimeout)
/// and the Aurora cluster registered as its one target. RDS creates the group with the proxy,
/// so "create" configures it; `down` deregisters the cluster before the proxy goes.
struct DBProxyTargetGroupResource: Resource {
    typealias Live = RDS.DBProxyPool

    let address: ResourceAddress
    let client: AWSClient
    let config: AuroraProxyConfig
    let proxy: Dependency<DBProxyResource.Outputs>
    let cluster: Dependency<AuroraClusterResource.Outputs>

    var dependencies: [ResourceAddress] { [proxy.address, cluster.address] }
    var rds: RDS { RDS(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let name = try context.output(\.proxyName, of: proxy).value else { return nil }
        do {
            return try await rds.describeDBProxyPool(proxy: name)
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("maxConnectionsPercent", desired: config.maxConnectionsPercent, live: live?.maxConnectionsPercent)
        diff.compare("connectionBorrowTimeout", desired: config.connectionBorrowTimeoutSeconds,
                     live: live?.connectionBorrowTimeout)
        diff.compare("targets", desired: try context.output(\.clusterId, of: cluster).map { Set([$0]) },
                     live: live?.targets)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let empty = Live(maxConnectionsPercent: 0, connectionBorrowTimeout: -1, targets: [])
        return try await converge(empty, context: context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await converge(live, context: context)
    }

    /// Deregisters the cluster (the group itself goes with the proxy).
    func delete(_ live: Live, context: ResourceContext) async throws {
        guard let name = try context.output(\.proxyName, of: proxy).value else { return }
        for clusterId in live.targets.sorted() {
            try await AWSErrorMatching.ignoringNotFound { try await rds.deregisterDBProxyCluster(proxy: name, clusterId: clusterId) }
        }
    }

    struct Outputs: PublishedOutputs {
        let maxConnectionsPercent, targets: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(maxConnectionsPercent: String(live.maxConnectionsPercent),
                targets: live.targets.sorted().joined(separator: ","))
    }

    /// Pool settings first, then the cluster registered (a re-run after a kill finds it
    /// registered and skips it; another cluster left by a replaced one is deregistered).
    private func converge(_ live: Live, context: ResourceContext) async throws -> Live {
        let name = try context.requireOutput(\.proxyName, of: proxy)
        let clusterId = try context.requireOutput(\.clusterId, of: cluster)
        var live = live
        if live.maxConnectionsPercent != config.maxConnectionsPercent
            || live.connectionBorrowTimeout != config.connectionBorrowTimeoutSeconds {
            try await rds.modifyDBProxyPool(proxy: name, maxConnectionsPercent: config.maxConnectionsPercent,
                                            connectionBorrowTimeout: config.connectionBorrowTimeoutSeconds)
            live.maxConnectionsPercent = config.maxConnectionsPercent
            live.connectionBorrowTimeout = config.connectionBorrowTimeoutSeconds
        }
        for stale in live.targets.subtracting([clusterId]).sorted() {
            try await AWSErrorMatching.ignoringNotFound { try await rds.deregisterDBProxyCluster(proxy: name, clusterId: stale) }
        }
        if !live.targets.contains(clusterId) {
            do {
                try await rds.registerDBProxyCluster(proxy: name, clusterId: clusterId)
            } catch where AWSErrorMatching.hasCode(error, "DBProxyTargetAlreadyRegisteredFault") {}
        }
        live.targets = [clusterId]
        return live
    }
}
