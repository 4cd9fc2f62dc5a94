import Hummingbird
import Logging
import ServiceLifecycle

/// Runs an HTTP application with the services it depends on (e.g. the PostgreSQL client) in
/// one ServiceGroup: SIGTERM (ECS stopping the task) or SIGINT lets in-flight requests finish,
/// then everything stops in reverse order; `afterShutdown` closes what is not a Service (Redis).
public enum ServiceRunner {
    public static func run(_ application: some ApplicationProtocol, dependencies: [any Service],
                           logger: Logger, afterShutdown: @Sendable () async -> Void = {}) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: dependencies.map { .init(service: $0) } + [.init(service: application)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            await afterShutdown()
            throw error
        }
        await afterShutdown()
    }
}
