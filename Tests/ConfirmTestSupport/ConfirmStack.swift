import AWSClient
import AWSSigV4
import ConfirmAPI
import ConfirmWorker
import DatabaseMigrations
import Foundation
import Hummingbird
import Logging
import PostgresNIO
import PublicAPI
import RedisClient
import ServiceRuntime
import Ticketing

/// The real servers the confirm tests run against, prepared once per test process: a fresh
/// PostgreSQL database migrated and seeded by the worker's own embedded migrations (3 events ×
/// 2 sections × 20 seats), a fresh seat-lock table in the local AWS emulator, and Redis with the
/// seeded seats' holds cleared. Holds are taken through the real public-api routes. Each test
/// makes its own commit queue pair (`makeQueues`), so workers of different tests never share one.
public struct ConfirmStack: Sendable {
    public let databaseURL: String
    public let redisSettings: RedisSettings
    public let redis: RedisConnectionPool
    public let postgres: PostgresClient
    public let aws: AWSClient
    public let sqs: SQS
    public let table: String
    public let publicAPI: PublicAPI
    public let webhookSecret: SecretValue
    public let logger: Logger

    public static let events = ["evt-0001", "evt-0002", "evt-0003"]
    /// public-api's and confirm-api's ROOM_TOKEN_KEY in the tests.
    public static let roomTokenKey = try! RoomTokenKey(secret: SecretValue(String(repeating: "k", count: 40)))

    /// confirm-api's PAYMENT_WEBHOOK_SECRET in the tests.
    public static let webhookSecretValue = SecretValue(String(repeating: "w", count: 40))

    /// A room token for the user at the event, as `/public/enter` would sign it.
    public static func roomToken(userId: String, eventId: String) -> String {
        roomTokenKey.sign(RoomToken(userId: userId, eventId: eventId, position: 1, issuedAt: Date()))
    }
    public static let seatsPerSection = 20
    static let shared = Task { try await make() }

    public static func get() async throws -> ConfirmStack { try await shared.value }

    /// The value of a required variable, or a failure naming it (never a silent skip).
    public static func required(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw StackError("\(name) is not set: start the test servers (scripts/testenv start) and export .testenv/env")
        }
        return value
    }

    static func make() async throws -> ConfirmStack {
        let baseURL = try required("TPS_DATABASE_URL")
        let endpoint = try required("TPS_LOCAL_AWS_ENDPOINT")
        let redisHost = try required("TPS_REDIS_HOST")
        let redisPort = Int(try required("TPS_REDIS_PORT")) ?? 6390
        let redisPassword = try required("TPS_REDIS_PASSWORD")
        let logger = Logger(label: "confirm-tests")

        let database = "confirm_test_" + UUID().uuidString.prefix(8).lowercased()
        try await createDatabase(database, serverURL: baseURL, logger: logger)
        guard let slash = baseURL.lastIndex(of: "/") else { throw StackError("TPS_DATABASE_URL has no database path") }
        let databaseURL = String(baseURL[..<slash]) + "/" + database + "?sslmode=disable"
        let seed = try SeedParameters(eventCount: events.count, sectionsPerEvent: 2, seatsPerSection: seatsPerSection,
                                      basePriceMinor: 5000, priceStepMinor: 1000, currency: "JPY")
        _ = try await MigrationRunner(url: try DatabaseURL(databaseURL), logger: logger).run(
            migrations: EmbeddedMigrations.migrations,
            seed: SeedScript(sql: try seed.render(template: EmbeddedMigrations.seedTemplate)))

        let settings = try DatabaseSettings(databaseURL: databaseURL)
        let postgres = try ServiceClients.postgres(settings, maximumConnections: 40)
        Task { await postgres.run() }

        let redisSettings = RedisSettings(host: redisHost, port: redisPort, tls: false,
                                          authToken: SecretValue(redisPassword))
        let redis = try ServiceClients.redis(redisSettings)
        var keys: [String] = []
        for event in events {
            keys += ["room:\(event):seq", "room:\(event):opened"]
            for section in ["S01", "S02"] {
                keys.append("summary:\(event):\(section)")
                for seat in 1...seatsPerSection {
                    keys.append(SeatHoldKeys.redisKey(eventId: event, seatId: seatId(section, seat)))
                }
            }
        }
        _ = try await redis.delete(keys)

        let aws = awsClient(accessKeyId: "AKIDTESTCONFIRM", endpoint: endpoint)
        let dynamo = DynamoDB(client: aws)
        let table = "seat-locks-" + UUID().uuidString.prefix(8).lowercased()
        _ = try await dynamo.createTable(name: table, partitionKey: (name: SeatHoldKeys.lockKeyAttribute, type: "S"))
        try await dynamo.enableTimeToLive(table: table, attribute: SeatHoldKeys.expiresAtAttribute)

        let publicAPI = PublicAPI(
            configuration: PublicAPIConfiguration(
                roomTokenKey: roomTokenKey,
                admissionRatePerSecond: 1_000_000, holdTTLSeconds: 120, seatLockTable: table),
            redis: redis, postgres: postgres, aws: aws, logger: logger)
        return ConfirmStack(databaseURL: databaseURL, redisSettings: redisSettings, redis: redis, postgres: postgres,
                            aws: aws, sqs: SQS(client: aws), table: table, publicAPI: publicAPI,
                            webhookSecret: webhookSecretValue, logger: logger)
    }

    /// `S01-00007` style, as the seed names seats.
    public static func seatId(_ section: String, _ number: Int) -> String {
        section + "-" + String(repeating: "0", count: 5 - String(number).count) + String(number)
    }

    static func createDatabase(_ name: String, serverURL: String, logger: Logger) async throws {
        let settings = try DatabaseSettings(databaseURL: serverURL)
        let client = try ServiceClients.postgres(settings, maximumConnections: 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
            group.cancelAll()
        }
    }

    /// A FIFO commit queue and its DLQ (redrive after `maxReceiveCount` receives), with a short
    /// visibility timeout so redelivery after a crash happens within the test; both in
    /// high-throughput mode, as stage 03 makes them.
    public func makeQueues(maxReceiveCount: Int = 3, visibilitySeconds: Int = 4) async throws -> (queue: String, dlq: String) {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let highThroughput = ["FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"]
        let dlq = try await sqs.createQueue(name: "commit-dlq-\(suffix).fifo", attributes: highThroughput)
        let dlqArn = try await sqs.getQueueAttributes(queueUrl: dlq, names: ["QueueArn"])["QueueArn"] ?? ""
        let queue = try await sqs.createQueue(name: "commit-\(suffix).fifo", attributes: highThroughput.merging([
            "VisibilityTimeout": String(visibilitySeconds),
            "RedrivePolicy": #"{"deadLetterTargetArn":"\#(dlqArn)","maxReceiveCount":"\#(maxReceiveCount)"}"#,
        ]) { $1 })
        return (queue, dlq)
    }

    /// `sales`: which region sells and which one this process is (by default, the home region itself).
    public func confirmAPI(queue: String, intentTTLSeconds: Int = 120,
                           sales: SalesRegion = .home("ap-northeast-1")) -> ConfirmAPI {
        ConfirmAPI(configuration: ConfirmAPIConfiguration(
            paymentSignature: PaymentSignature(secret: webhookSecret), roomTokens: RoomTokenCheck(key: Self.roomTokenKey),
            intentTTLSeconds: intentTTLSeconds,
            commitQueueURL: queue, seatLockTable: table, sales: sales), redis: redis, postgres: postgres, aws: aws,
                   logger: logger)
    }

    /// `accessKeyId`: sign the worker's AWS calls with this key instead of the stack's, so a
    /// fault injected for that key hits this worker alone.
    public func worker(queue: String, paymentSweepInterval: Duration = .milliseconds(300),
                       transactionLimits: TransactionLimits = TransactionLimits(), accessKeyId: String? = nil) -> ConfirmWorker {
        ConfirmWorker(configuration: WorkerConfiguration(queueURL: queue, seatLockTable: table, waitTimeSeconds: 1,
                                                         maximumRetryDelaySeconds: 2, transactionLimits: transactionLimits,
                                                         paymentSweepInterval: paymentSweepInterval),
                      redis: redis, postgres: postgres, aws: accessKeyId.map { Self.awsClient(accessKeyId: $0, endpoint: (try? Self.required("TPS_LOCAL_AWS_ENDPOINT")) ?? "") } ?? aws,
                      logger: logger)
    }

    /// A client of the local AWS at `endpoint` signing with `accessKeyId`.
    static func awsClient(accessKeyId: String, endpoint: String) -> AWSClient {
        AWSClient(region: "ap-northeast-1",
                  credentialProvider: StaticCredentialProvider(
                      AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: "test-secret"), source: "tests"),
                  endpoints: EndpointResolver(explicitURL: endpoint))
    }

    /// The environment a confirm-worker process needs to consume `queue` against this stack.
    public func workerEnvironment(queue: String) throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "AWS_REGION": "ap-northeast-1", "TPS_STACK": "test", "PORT": String(Int.random(in: 20_000...40_000)), "COMMIT_QUEUE_URL": queue,
            "SEAT_LOCK_TABLE": table, "REDIS_HOST": redisSettings.host, "REDIS_PORT": String(redisSettings.port),
            "REDIS_TLS": "false", "REDIS_AUTH_TOKEN": redisSettings.authToken?.reveal ?? "",
            "DATABASE_URL": databaseURL, "AWS_ENDPOINT_URL": try Self.required("TPS_LOCAL_AWS_ENDPOINT"),
            "AWS_ACCESS_KEY_ID": "AKIDTESTCONFIRM", "AWS_SECRET_ACCESS_KEY": "test-secret", "LOG_LEVEL": "warning",
        ]) { $1 }
        return environment
    }

    /// The first row's first column as an integer (counts in assertions).
    public func count(_ query: PostgresQuery) async throws -> Int {
        let rows = try await postgres.query(query, logger: logger)
        for try await value in rows.decode(Int64.self) { return Int(value) }
        return 0
    }
}

public struct StackError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
