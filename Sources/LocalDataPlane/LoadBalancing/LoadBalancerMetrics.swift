import Synchronization

/// What one load balancer served since the last publication: the figures of CloudWatch's
/// AWS/ApplicationELB namespace, for the whole load balancer and per target group. Each
/// request adds to it under one short lock; ``drain()`` hands the period over and starts anew.
public final class LoadBalancerMetrics: Sendable {
    public struct Figures: Sendable {
        public var requests = 0
        public var target2xx = 0
        public var target4xx = 0
        public var target5xx = 0
        public var elb5xx = 0
        /// Seconds from sending the request to the target until its response head arrived.
        public var responseTimes: [Double] = []

        mutating func add(targetStatus: Int?, elbStatus: Int?, responseTime: Double?) {
            requests += 1
            switch targetStatus ?? 0 {
            case 200..<300: target2xx += 1
            case 400..<500: target4xx += 1
            case 500..<600: target5xx += 1
            default: break
            }
            if let elbStatus, elbStatus >= 500 { elb5xx += 1 }
            if let responseTime { responseTimes.append(responseTime) }
        }
    }

    public struct Period: Sendable {
        public var loadBalancer = Figures()
        /// By target group, with the pool (its dimension and healthy count).
        public var groups: [ObjectIdentifier: (pool: TargetPool, figures: Figures)] = [:]
    }

    private let period = Mutex(Period())

    public init() {}

    /// One request: forwarded to `pool` (nil for fixed responses and redirects), answered by
    /// the target with `targetStatus`, or by the load balancer itself with `elbStatus`.
    public func record(pool: TargetPool?, targetStatus: Int?, elbStatus: Int?, responseTime: Double?) {
        period.withLock { period in
            period.loadBalancer.add(targetStatus: targetStatus, elbStatus: elbStatus, responseTime: responseTime)
            guard let pool else { return }
            let key = ObjectIdentifier(pool)
            if period.groups[key] == nil { period.groups[key] = (pool, Figures()) }
            period.groups[key]!.figures.add(targetStatus: targetStatus, elbStatus: elbStatus, responseTime: responseTime)
        }
    }

    public func drain() -> Period {
        period.withLock { period in
            defer { period = Period() }
            return period
        }
    }
}
