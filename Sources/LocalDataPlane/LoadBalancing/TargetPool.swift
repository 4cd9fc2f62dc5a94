import AWSClient
import Synchronization

/// One target group's registered targets, their health and the round robin over them. Shared
/// by every connection of the listeners that forward to it, so its state sits behind one
/// short lock: picking a target is an index increment over a precomputed list.
public final class TargetPool: Sendable {
    public let arn: String
    /// `targetgroup/<name>/<id>`, the TargetGroup metric dimension.
    public let arnSuffix: String

    struct State {
        var healthCheck: ElasticLoadBalancingV2.HealthCheck
        var healthCheckPort: String
        var health: [TargetEndpoint: TargetHealthState] = [:]
        /// Registration order, so the round robin is stable across updates.
        var registered: [TargetEndpoint] = []
        var healthy: [TargetEndpoint] = []
        var next = 0

        mutating func recompute() {
            healthy = registered.filter { health[$0]?.status == .healthy }
        }
    }

    private let state: Mutex<State>

    public init(group: ElasticLoadBalancingV2.TargetGroup) {
        arn = group.arn
        arnSuffix = group.arnSuffix
        state = Mutex(State(healthCheck: group.healthCheck, healthCheckPort: group.healthCheckPort))
    }

    /// The next target round robin over the healthy ones; over all registered ones when none
    /// is healthy (ALB fails open); nil when none is registered.
    public func nextTarget() -> TargetEndpoint? {
        state.withLock { state in
            let candidates = state.healthy.isEmpty ? state.registered : state.healthy
            guard !candidates.isEmpty else { return nil }
            state.next &+= 1
            return candidates[state.next % candidates.count]
        }
    }

    /// Takes the latest registrations and health check settings; a new target starts `initial`.
    public func update(group: ElasticLoadBalancingV2.TargetGroup, registered: [TargetEndpoint]) {
        state.withLock { state in
            state.healthCheck = group.healthCheck
            state.healthCheckPort = group.healthCheckPort
            state.registered = registered
            let kept = Set(registered)
            state.health = state.health.filter { kept.contains($0.key) }
            for target in registered where state.health[target] == nil { state.health[target] = TargetHealthState() }
            state.recompute()
        }
    }

    /// Records one health check's result for a target still registered.
    public func record(_ target: TargetEndpoint, passed: Bool) -> TargetHealthState.Status? {
        state.withLock { state in
            guard var health = state.health[target] else { return nil }
            let check = state.healthCheck
            if health.record(passed: passed, healthyThreshold: check.healthyThreshold, unhealthyThreshold: check.unhealthyThreshold) {
                state.health[target] = health
                state.recompute()
            } else {
                state.health[target] = health
            }
            return health.status
        }
    }

    public var registered: [TargetEndpoint] { state.withLock { $0.registered } }
    public var healthyCount: Int { state.withLock { $0.healthy.count } }
    /// Each registered target's health, by `address:port`.
    public var statuses: [String: TargetHealthState.Status] {
        state.withLock { state in
            Dictionary(uniqueKeysWithValues: state.registered.map { ($0.description, state.health[$0]?.status ?? .initial) })
        }
    }

    /// Each registered target with its health, in registration order.
    public var health: [(target: TargetEndpoint, status: TargetHealthState.Status)] {
        state.withLock { state in state.registered.map { ($0, state.health[$0]?.status ?? .initial) } }
    }

    public func status(of target: TargetEndpoint) -> TargetHealthState.Status? { state.withLock { $0.health[target]?.status } }

    /// What the health checker needs for one round.
    var healthCheckPlan: (check: ElasticLoadBalancingV2.HealthCheck, port: String, targets: [TargetEndpoint]) {
        state.withLock { ($0.healthCheck, $0.healthCheckPort, $0.registered) }
    }
}
