import FoundationEssentials
import Hummingbird
import Logging
import ServiceRuntime
import Ticketing

/// The process: environment → clients → the consumer plus a health server on PORT, in one
/// ServiceGroup. SIGTERM stops the health server, then the consumer (which finishes its batch),
/// then PostgreSQL, in that order.
public enum ConfirmWorkerServer {
    public static func run(environment: [String: String] = ProcessInfo.processInfo.environment,
                           logger: Logger) async throws {
        let settings = try ConfirmWorkerEnvironment(environment: environment)
        let service = settings.service
        logger.info("starting", metadata: ["redis": "\(service.redis)", "postgres": "\(service.database)",
                                           "region": "\(service.region)", "port": "\(service.port)",
                                           "queue": "\(settings.commitQueueURL.absoluteString)"])
        let redis = try ServiceClients.redis(service.redis)
        let postgres = try ServiceClients.postgres(service.database)
        let aws = try ServiceClients.aws(service)
        let worker = ConfirmWorker(configuration: WorkerConfiguration(settings), redis: redis, postgres: postgres,
                                   aws: aws, logger: logger)
        let app = Application(router: worker.router(),
                              configuration: .init(address: .hostname("0.0.0.0", port: service.port),
                                                   serverName: "confirm-worker"),
                              logger: logger)
        try await ServiceRunner.run(app, dependencies: [postgres, worker.consumer], logger: logger,
                                    afterShutdown: { await redis.shutdown() })
    }
}
