import Hummingbird
import Logging
import ServiceLifecycle
import Ticketing

/// The process every service is: environment → clients → routes on PORT, drained on SIGTERM.
/// One place, so the three services cannot drift in how they start, log and stop.
public enum ServiceBootstrap {
    /// Logs the start (the settings' descriptions redact secrets), builds the clients, serves the
    /// routes `build` makes and runs the services it returns (started before the HTTP server,
    /// stopped after it; PostgreSQL first and last), and closes Redis once everything has stopped.
    public static func serve(_ service: ServiceEnvironment, logger: Logger, metadata: Logger.Metadata = [:],
                             build: (ServiceConnections) throws -> (router: Router<BasicRequestContext>,
                                                                    services: [any Service])) async throws {
        logger.info("starting", metadata: [
            "redis": "\(service.redis)", "postgres": "\(service.database)",
            "region": "\(service.region)", "port": "\(service.port)",
        ].merging(metadata) { $1 })
        let connections = try ServiceConnections(service)
        // The pool hides why a connect fails (a refused certificate, say): one probe says it.
        let probe = DatabaseProbe(try DatabaseTLS(service.database))
        Task { await probe.report(to: logger) }
        let (router, services) = try build(connections)
        let app = Application(router: router,
                              configuration: .init(address: .hostname("0.0.0.0", port: service.port),
                                                   serverName: service.role.rawValue),
                              logger: logger)
        try await ServiceRunner.run(app, dependencies: [connections.postgres] + services, logger: logger,
                                    afterShutdown: { await connections.redis.shutdown() })
    }
}
