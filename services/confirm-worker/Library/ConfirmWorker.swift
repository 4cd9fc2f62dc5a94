import AWSClient
import FoundationEssentials
import Hummingbird
import Logging
import PostgresNIO
import RedisClient
import ServiceRuntime
import Ticketing

/// The worker's parts wired together: the consumer, the hold expiry sweep and the payment sweep
/// (ServiceLifecycle `Service`s) and its health routes. Built once per process; tests build it against their own queue and table.
public struct ConfirmWorker: Sendable {
    public let consumer: CommitConsumer
    public let holdExpirySweep: HoldExpirySweep
    public let paymentSweep: PaymentSweep
    let redis: RedisConnectionPool
    let postgres: PostgresClient
    let sqs: SQS
    let queueURL: String
    let logger: Logger

    public init(configuration: WorkerConfiguration, redis: RedisConnectionPool, postgres: PostgresClient,
                aws: AWSClient, logger: Logger) {
        let sqs = SQS(client: aws)
        let locks = SeatLockTable(dynamo: DynamoDB(client: aws), table: configuration.seatLockTable)
        let holds = HoldRelease(redis: redis, locks: locks, logger: logger)
        let processor = CommitProcessor(
            transaction: CommitTransaction(client: postgres, limits: configuration.transactionLimits, logger: logger),
            releases: HoldReleaseBacklog(holds: holds),
            maximumRetryDelaySeconds: configuration.maximumRetryDelaySeconds, logger: logger)
        consumer = CommitConsumer(sqs: sqs, configuration: configuration, processor: processor, logger: logger)
        holdExpirySweep = HoldExpirySweep(client: postgres, holds: holds, limits: configuration.transactionLimits,
                                          interval: configuration.holdSweepInterval, batchSize: configuration.holdSweepBatchSize,
                                          logger: logger)
        paymentSweep = PaymentSweep(client: postgres, processor: processor, interval: configuration.paymentSweepInterval,
                                    limits: configuration.transactionLimits, batchSize: 100, logger: logger)
        self.redis = redis
        self.postgres = postgres
        self.sqs = sqs
        self.queueURL = configuration.queueURL
        self.logger = logger
    }

    /// `GET /health` (for the container health check): the queue, PostgreSQL and Redis answer.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.get("health") { _, _ in
            let report = await self.health()
            return try JSONResponse.make(report, status: .init(code: report.httpStatus))
        }
        return router
    }

    public func health() async -> HealthReport {
        async let sqsOK = DependencyCheck.run("sqs", logger: logger) {
            _ = try await self.sqs.getQueueAttributes(queueUrl: self.queueURL, names: ["QueueArn"])
        }
        async let databaseOK = DependencyCheck.run("postgres", logger: logger) {
            let rows = try await self.postgres.query("SELECT 1", logger: self.logger)
            for try await _ in rows {}
        }
        async let redisOK = DependencyCheck.run("redis", logger: logger) { _ = try await self.redis.ping() }
        return HealthReport(service: .confirmWorker, checks: [
            "sqs": await sqsOK, "postgres": await databaseOK, "redis": await redisOK,
        ])
    }

}
