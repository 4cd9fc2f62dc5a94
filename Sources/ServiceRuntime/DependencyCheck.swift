import Logging
import Ticketing

/// One dependency probe of a service's health endpoint. The report itself only says ok/fail
/// (it is public); the reason goes to the log, naming the dependency, so a 503 can be diagnosed.
/// The clients' errors carry addresses and codes, never credentials.
public enum DependencyCheck {
    public static func run(_ dependency: String, logger: Logger,
                           _ probe: @escaping @Sendable () async throws -> Void) async -> HealthState {
        do {
            try await probe()
            return .ok
        } catch {
            logger.warning("health check failed", metadata: ["dependency": "\(dependency)", "error": "\(error)"])
            return .fail
        }
    }
}
