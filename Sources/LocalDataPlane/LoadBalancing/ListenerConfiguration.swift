import NIOCore
import Synchronization

/// What a listener's connections read at each request: the compiled rules, the pools of the
/// target groups they forward to, the idle timeout and where to count. Discovery replaces it
/// whole, so a change to rules or targets applies to the next request without a restart.
public final class ListenerConfiguration: Sendable {
    public struct Snapshot: Sendable {
        public var routes: ListenerRoutes
        /// Aligned with `routes.targetGroupArns`; nil for a group that does not exist (503).
        public var pools: [TargetPool?]
        public var idleTimeout: TimeAmount
        public var metrics: LoadBalancerMetrics
        /// The listener's own port (X-Forwarded-Port, `#{port}`).
        public var port: Int
        /// Where each request's access-log record goes; nil while access logs are off (the
        /// request path then builds none).
        public var accessLog: AccessLogBuffer?

        public init(routes: ListenerRoutes, pools: [TargetPool?], idleTimeout: TimeAmount, metrics: LoadBalancerMetrics, port: Int,
                    accessLog: AccessLogBuffer? = nil) {
            self.routes = routes
            self.pools = pools
            self.idleTimeout = idleTimeout
            self.metrics = metrics
            self.port = port
            self.accessLog = accessLog
        }
    }

    private let current: Mutex<Snapshot>
    private let connections = OpenConnections()

    public init(_ snapshot: Snapshot) {
        current = Mutex(snapshot)
    }

    public var snapshot: Snapshot { current.withLock { $0 } }

    public func replace(_ snapshot: Snapshot) {
        current.withLock { $0 = snapshot }
    }

    /// Counts a connection in; false (and it should close) once the listener is retired.
    func opened(_ channel: any Channel) -> Bool { connections.opened(channel) }

    func closed(_ channel: any Channel) { connections.closed(channel) }

    /// The listener is gone: closes every connection it still has.
    func retire() { connections.retire() }
}
