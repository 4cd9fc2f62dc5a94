import AWSClient
import AWSSigV4
import ConfirmAPI
import ConfirmWorker
import Foundation
import Logging
import PublicAPI
import Ticketing

/// The three services started in this test process exactly as their executables start them
/// (`<Service>Server.run(environment:)`), against the real local servers: a fresh PostgreSQL
/// database (migration + small seed), a fresh FIFO queue and seat-lock table in the local AWS,
/// and the test Redis. A missing server variable fails with its name.
struct ServiceStack: Sendable {
    let publicURL: URL
    let confirmURL: URL
    let workerURL: URL
    /// confirm-api's PAYMENT_WEBHOOK_SECRET: the scenario is the payment provider.
    let webhookSecret: SecretValue
    let tasks: [Task<Void, any Error>]
    let database: String
    let adminURL: String

    static func required(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw StackError("\(name) is not set: start the test servers (scripts/testenv start) and source .testenv/env")
        }
        return value
    }

    static func start() async throws -> ServiceStack {
        let adminURL = try required("TPS_DATABASE_URL")
        let endpoint = try required("TPS_LOCAL_AWS_ENDPOINT")
        let redisHost = try required("TPS_REDIS_HOST")
        let redisPort = try required("TPS_REDIS_PORT")
        let redisPassword = try required("TPS_REDIS_PASSWORD")
        let suffix = UUID().uuidString.prefix(8).lowercased()

        let database = "e2e_\(suffix)"
        try Psql(url: adminURL).run(["-c", "CREATE DATABASE \(database)"])
        let databaseURL = try Self.replacingDatabase(in: adminURL, with: database)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
            .standardizedFileURL
        let migrations = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("templates/db").path)
            .filter { $0.hasSuffix(".sql") && $0.first?.isNumber == true }.sorted()
        for migration in migrations {
            try Psql(url: databaseURL).run(["-1", "-f", root.appendingPathComponent("templates/db/" + migration).path])
        }
        let seed = try SeedParameters(eventCount: 1, sectionsPerEvent: 2, seatsPerSection: 20, basePriceMinor: 50_000,
                                      priceStepMinor: 10_000, currency: "KRW")
            .render(template: String(contentsOf: root.appendingPathComponent("templates/db/seed.sql.template"),
                                     encoding: .utf8))
        try Psql(url: databaseURL).run(["-1", "-c", seed])

        let aws = AWSClient(region: "ap-northeast-1",
                            credentialProvider: StaticCredentialProvider(
                                AWSCredentials(accessKeyId: "AKIDE2ETESTS", secretAccessKey: "e2e-test-secret"),
                                source: "tests"),
                            endpoints: EndpointResolver(explicitURL: endpoint))
        let queueURL = try await SQS(client: aws).createQueue(
            name: "e2e-\(suffix)-commit.fifo",
            attributes: ["FifoQueue": "true", "ContentBasedDeduplication": "false", "VisibilityTimeout": "30",
                         "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"])
        let table = "e2e-\(suffix)-seat-locks"
        _ = try await DynamoDB(client: aws).createTable(name: table, partitionKey: (name: "seatKey", type: "S"))
        try await DynamoDB(client: aws).enableTimeToLive(table: table, attribute: "expiresAt")

        let ports = try FreePorts.take(3)
        let webhookSecret = Self.randomSecret()
        let base: [String: String] = ProcessInfo.processInfo.environment.merging([
            "AWS_REGION": "ap-northeast-1", "TPS_STACK": "e2e-tests", "COMMIT_QUEUE_URL": queueURL,
            "SEAT_LOCK_TABLE": table, "REDIS_HOST": redisHost, "REDIS_PORT": redisPort, "REDIS_TLS": "false",
            "REDIS_AUTH_TOKEN": redisPassword, "DATABASE_URL": databaseURL, "AWS_ENDPOINT_URL": endpoint,
            "AWS_ACCESS_KEY_ID": "AKIDE2ETESTS", "AWS_SECRET_ACCESS_KEY": "e2e-test-secret",
            "ROOM_TOKEN_KEY": Self.randomSecret(), "PAYMENT_WEBHOOK_SECRET": webhookSecret,
            "ADMISSION_RATE_PER_SEC": "1000", "HOLD_TTL_SEC": "120",
            "SALES_REGION": "ap-northeast-1",
        ]) { _, new in new }
        var logger = Logger(label: "e2e-services")
        logger.logLevel = .warning
        let quiet = logger
        func environment(_ port: Int) -> [String: String] { base.merging(["PORT": String(port)]) { _, new in new } }
        let tasks = [
            Task { try await PublicAPIServer.run(environment: environment(ports[0]), logger: quiet) },
            Task { try await ConfirmAPIServer.run(environment: environment(ports[1]), logger: quiet) },
            Task { try await ConfirmWorkerServer.run(environment: environment(ports[2]), logger: quiet) },
        ]
        return ServiceStack(publicURL: URL(string: "http://127.0.0.1:\(ports[0])")!,
                            confirmURL: URL(string: "http://127.0.0.1:\(ports[1])")!,
                            workerURL: URL(string: "http://127.0.0.1:\(ports[2])")!, webhookSecret: SecretValue(webhookSecret),
                            tasks: tasks, database: database, adminURL: adminURL)
    }

    /// Stops the services (task cancellation is their graceful shutdown), waiting at most 20 s
    /// for them (a long poll in flight may outlive the test), then drops the database.
    func stop() async {
        for task in tasks { task.cancel() }
        let finished = Finished()
        let tasks = tasks
        Task { for task in tasks { _ = await task.result }; await finished.set() }
        let deadline = ContinuousClock.now + .seconds(20)
        while await !finished.value, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
        try? Psql(url: adminURL).run(["-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"])
    }

    static func replacingDatabase(in url: String, with name: String) throws -> String {
        guard var parts = URLComponents(string: url) else { throw StackError("TPS_DATABASE_URL is not a URL") }
        parts.path = "/" + name
        guard let text = parts.string else { throw StackError("TPS_DATABASE_URL cannot name another database") }
        return text
    }

    static func randomSecret() -> String {
        (0..<48).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
    }
}

/// Set once every service task has returned.
actor Finished {
    private(set) var value = false
    func set() { value = true }
}

struct StackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
