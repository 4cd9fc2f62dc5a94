import Logging
import Ticketing

/// The entry point the three binaries share: `<service> healthcheck` probes the running server
/// (the task definition's container health check); otherwise JSON logs, then `body`.
public enum ServiceMain {
    /// The process's exit status: 0 when `body` returns (drained after SIGTERM), 1 with a one-line
    /// critical log when it throws (a bad environment key names the key).
    public static func run(_ role: ServiceRole, _ body: (Logger) async throws -> Void) async -> Int32 {
        if ContainerHealthCheck.isRequested() { return await ContainerHealthCheck.probe(path: role.containerHealthPath) }
        JSONLogHandler.bootstrap()
        let logger = Logger(label: role.rawValue)
        do {
            try await body(logger)
            return 0
        } catch let error as EnvironmentError {
            logger.critical("bad configuration: \(error)")
        } catch {
            logger.critical("stopped: \(error)")
        }
        return 1
    }
}
