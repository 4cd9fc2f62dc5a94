/// `dataPlane.aurora.proxy`: an RDS Proxy in front of the Aurora writer (off by default). With
/// it, the services' pools connect to the proxy, which multiplexes them onto at most
/// `maxConnectionsPercent` of the writer's max_connections: the connection budget then counts
/// that share instead of pools × tasks (`StackValidator.checkConnectionBudget`).
public struct AuroraProxyConfig: Sendable, Equatable {
    public var enabled: Bool
    /// The default target group's MaxConnectionsPercent: the share of max_connections the proxy
    /// may open. Below 100 by default so the superuser reserve and the migration task's direct
    /// session keep room.
    public var maxConnectionsPercent: Int
    /// Seconds a client waits for a pooled connection before the proxy refuses it
    /// (ConnectionBorrowTimeout; AWS's default is 120, its maximum 3,600).
    public var connectionBorrowTimeoutSeconds: Int
    /// Seconds an idle client connection stays open (IdleClientTimeout, 1–28,800).
    public var idleClientTimeoutSeconds: Int

    public init(enabled: Bool = false, maxConnectionsPercent: Int = 90, connectionBorrowTimeoutSeconds: Int = 120,
                idleClientTimeoutSeconds: Int = 1_800) {
        self.enabled = enabled
        self.maxConnectionsPercent = maxConnectionsPercent
        self.connectionBorrowTimeoutSeconds = connectionBorrowTimeoutSeconds
        self.idleClientTimeoutSeconds = idleClientTimeoutSeconds
    }

    /// RDS's bounds for the three settings (CreateDBProxy, ModifyDBProxyTargetGroup).
    public static let maxConnectionsPercentRange = 1...100
    public static let borrowTimeoutRange = 0...3_600
    public static let idleClientTimeoutRange = 1...28_800

    /// The database connections the proxy may open out of `maxConnections`.
    public func databaseConnections(of maxConnections: Int) -> Int {
        maxConnections * maxConnectionsPercent / 100
    }
}
