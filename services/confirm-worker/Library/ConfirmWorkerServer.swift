import FoundationEssentials
import Hummingbird
import Logging
import ServiceRuntime
import Ticketing

/// The process: environment → clients → the consumer, the hold expiry sweep and the payment sweep
/// plus a health server on PORT, in one
/// ServiceGroup. SIGTERM stops the health server, then the consumer (which finishes its batch),
/// then PostgreSQL, in that order.
public enum ConfirmWorkerServer {
    public static func run(environment: [String: String] = ProcessInfo.processInfo.environment,
                           logger: Logger) async throws {
        let settings = try ConfirmWorkerEnvironment(environment: environment)
        try await ServiceBootstrap.serve(settings.service, logger: logger,
                                         metadata: ["queue": "\(settings.commitQueueURL.absoluteString)"]) { clients in
            let worker = ConfirmWorker(configuration: WorkerConfiguration(settings), redis: clients.redis,
                                       postgres: clients.postgres, aws: clients.aws, logger: logger)
            return (worker.router(), [worker.consumer, worker.holdExpirySweep, worker.paymentSweep])
        }
    }
}
