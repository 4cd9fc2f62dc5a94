import FoundationEssentials
import Hummingbird
import Logging
import ServiceRuntime
import Ticketing

/// The process: environment → clients → HTTP server on PORT, drained on SIGTERM.
public enum ConfirmAPIServer {
    public static func run(environment: [String: String] = ProcessInfo.processInfo.environment,
                           logger: Logger) async throws {
        let settings = try ConfirmAPIEnvironment(environment: environment)
        let service = settings.service
        logger.info("starting", metadata: ["redis": "\(service.redis)", "postgres": "\(service.database)",
                                           "region": "\(service.region)", "port": "\(service.port)",
                                           "queue": "\(settings.commitQueueURL.absoluteString)"])
        let redis = try ServiceClients.redis(service.redis)
        let postgres = try ServiceClients.postgres(service.database)
        let aws = try ServiceClients.aws(service)
        let api = ConfirmAPI(configuration: ConfirmAPIConfiguration(settings), redis: redis, postgres: postgres,
                             aws: aws, logger: logger)
        let app = Application(router: api.router(),
                              configuration: .init(address: .hostname("0.0.0.0", port: service.port),
                                                   serverName: "confirm-api"),
                              logger: logger)
        try await ServiceRunner.run(app, dependencies: [postgres], logger: logger,
                                    afterShutdown: { await redis.shutdown() })
    }
}
