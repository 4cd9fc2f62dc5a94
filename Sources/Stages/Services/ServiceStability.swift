import AWSClient
import Provisioning

/// Waits until a service runs `taskDefinition` at its desired count with one completed
/// deployment, reporting running/desired, the rollout state and the latest service event as it
/// goes. A failed deployment of that task definition (rolled back by the circuit breaker, or
/// not) ends the wait with ECS's reason.
struct ServiceStability: Sendable {
    let ecs: ECS
    let name: String
    let cluster: String
    let taskDefinition: String

    func wait(_ context: ResourceContext, timeout: Duration) async throws -> ECS.Service {
        let ecs = ecs, name = name, cluster = cluster, wanted = taskDefinition
        return try await context.wait(for: "service \(name) to be stable", timeout: timeout) {
            guard let service = try await ecs.service(name, cluster: cluster), service.status == "ACTIVE" else {
                return .failed("the service is gone")
            }
            return Self.verdict(service, wanted: wanted)
        }
    }

    static func verdict(_ service: ECS.Service, wanted: String) -> WaitStatus<ECS.Service> {
        if let failed = service.deployments.first(where: { $0.taskDefinition == wanted && $0.rolloutState == "FAILED" }) {
            return .failed(rolledBack(service, reason: failed.rolloutStateReason))
        }
        if service.taskDefinition != wanted {
            let reason = service.events.lazy.map(\.message).first { $0.contains("deployment failed") }
            return .failed(rolledBack(service, reason: reason ?? "ECS now runs \(service.taskDefinition)"))
        }
        guard let primary = service.primary else { return .pending("no deployment yet") }
        if primary.rolloutState == "COMPLETED", service.deployments.count == 1,
           service.runningCount == service.desiredCount {
            return .done(service)
        }
        var status = "running \(service.runningCount)/\(service.desiredCount), rollout \(primary.rolloutState)"
        if primary.failedTasks > 0 { status += ", \(primary.failedTasks) failed tasks" }
        if let event = service.events.first?.message { status += "; last event: \(event)" }
        return .pending(status)
    }

    static func rolledBack(_ service: ECS.Service, reason: String) -> String {
        let rollingBack = service.rollback ? " (the circuit breaker rolls it back)" : ""
        var line = "deployment of \(service.name) failed\(rollingBack): \(reason)"
        if let task = lastTaskFailure(service) { line += "; last task stopped: \(task)" }
        return line
    }

    /// Why the newest failed task stopped, from ECS's "(service S) (task T) failed: REASON" event:
    /// the reason a user needs (a missing image, an unreadable secret, a failed health check).
    static func lastTaskFailure(_ service: ECS.Service) -> String? {
        let marker = ") failed: "
        for event in service.events.map(\.message) where event.hasPrefix("(service \(service.name)) (task ") {
            if let range = event.range(of: marker) { return String(event[range.upperBound...]) }
        }
        return nil
    }
}
