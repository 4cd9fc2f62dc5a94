import AWSClient
import Logging

/// Runs a target group's health checks: every interval, a GET of the check path on each
/// registered target (its traffic port, or the group's fixed health check port), passing when
/// it answers within the timeout with a status the matcher accepts.
struct TargetHealthChecker: Sendable {
    let pool: TargetPool
    let logger: Logger

    /// Until cancelled.
    func run() async {
        while !Task.isCancelled {
            let plan = pool.healthCheckPlan
            let matcher = HealthCodeMatcher(plan.check.matcher)
            await withTaskGroup(of: Void.self) { group in
                for target in plan.targets {
                    group.addTask {
                        let passed = await Self.probe(target, path: plan.check.path, port: plan.port,
                                                      timeout: .seconds(max(1, plan.check.timeoutSeconds)), matcher: matcher)
                        let before = pool.status(of: target)
                        if let after = pool.record(target, passed: passed), after != before {
                            logger.info("target \(target) of \(pool.arnSuffix): \(after.rawValue)")
                        }
                    }
                }
            }
            try? await Task.sleep(for: .seconds(max(1, plan.check.intervalSeconds)))
        }
    }

    static func probe(_ target: TargetEndpoint, path: String, port: String, timeout: Duration,
                      matcher: HealthCodeMatcher) async -> Bool {
        let checkPort = Int(port) ?? target.port
        let path = path.hasPrefix("/") ? path : "/" + path
        do {
            let response = try await HTTPTransport.shared.send(
                method: "GET", url: "http://\(target.address):\(checkPort)\(path)",
                headers: [("User-Agent", "ELB-HealthChecker/2.0")], body: [], timeout: timeout)
            return matcher.accepts(response.status)
        } catch {
            return false
        }
    }
}
