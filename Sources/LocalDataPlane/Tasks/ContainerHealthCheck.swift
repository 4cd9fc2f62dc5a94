import ContainerImage
import Foundation

/// A container definition's `healthCheck`, run inside the container as Docker runs it: `CMD`
/// execs its arguments, `CMD-SHELL` runs its string with `/bin/sh -c`. Status follows Docker's
/// rules: failures during `startPeriod` do not count (a success there ends it), and `retries`
/// consecutive failures after it make the container UNHEALTHY.
struct ContainerHealthCheck {
    enum Status: String, Sendable { case unknown = "UNKNOWN", healthy = "HEALTHY", unhealthy = "UNHEALTHY" }

    let check: ContainerDefinitionView.HealthCheck
    let launch: ContainerLaunch
    let logPath: String

    var command: [String]? {
        guard let kind = check.command.first else { return nil }
        switch kind {
        case "CMD": return Array(check.command.dropFirst())
        case "CMD-SHELL": return ["/bin/sh", "-c", check.command.dropFirst().joined(separator: " ")]
        case "NONE": return nil
        default: return check.command
        }
    }

    /// One probe: true when the command exited 0 within the timeout (killed otherwise).
    func probe() async -> Bool {
        guard let command else { return true }
        guard let process = try? launch.running(command).start(logPath: logPath) else { return false }
        let deadline = ContinuousClock.now + check.timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        if process.isRunning {
            process.signal(SIGKILL)
            while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            return false
        }
        return process.terminationStatus == 0
    }
}

/// Docker's health state machine for one container.
struct HealthState {
    let retries: Int
    let startPeriodEnds: ContinuousClock.Instant
    private(set) var status = ContainerHealthCheck.Status.unknown
    private var failures = 0
    private var inStartPeriod = true

    init(retries: Int, startPeriodEnds: ContinuousClock.Instant) {
        self.retries = max(1, retries)
        self.startPeriodEnds = startPeriodEnds
    }

    mutating func record(success: Bool, at now: ContinuousClock.Instant) {
        if success {
            failures = 0
            inStartPeriod = false
            status = .healthy
            return
        }
        if inStartPeriod && now < startPeriodEnds { return }
        inStartPeriod = false
        failures += 1
        if failures >= retries { status = .unhealthy }
    }
}
