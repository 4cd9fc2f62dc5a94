import AWSClient
import AWSSigV4
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import PublicAPI
import RedisClient
import ServiceRuntime
import Ticketing

/// The real servers the tests run against, prepared once per run: a fresh PostgreSQL schema
/// with the migrations and a small seed (3 events × 2 sections × 5 seats), a fresh DynamoDB
/// table in the local emulator, and Redis with the seeded seats' keys cleared.
struct TestStack: Sendable {
    let api: PublicAPI
    let redis: RedisConnectionPool
    let dynamo: DynamoDB
    let table: String
    let schema: String
    let postgres: PostgresClient
    let aws: AWSClient
    let logger: Logger

    static let shared = Task { try await make() }

    static func get() async throws -> TestStack { try await shared.value }

    /// The value of a required variable, or a failure naming it (never a silent skip).
    static func required(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw SetupError("\(name) is not set: start the test servers (scripts/testenv start) and export .testenv/env")
        }
        return value
    }

    static func make() async throws -> TestStack {
        let databaseURL = try required("TPS_DATABASE_URL")
        let endpoint = try required("TPS_LOCAL_AWS_ENDPOINT")
        let redisHost = try required("TPS_REDIS_HOST")
        let redisPort = Int(try required("TPS_REDIS_PORT")) ?? 6390
        let redisPassword = try required("TPS_REDIS_PASSWORD")
        let logger = Logger(label: "public-api-tests")

        let schema = "public_api_test_" + UUID().uuidString.prefix(8).lowercased()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..")
            .standardizedFileURL
        let migrations = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("templates/db").path)
            .filter { $0.hasSuffix(".sql") }.sorted()
            .map { root.appendingPathComponent("templates/db/\($0)").path }
        let template = try String(contentsOf: root.appendingPathComponent("templates/db/seed.sql.template"), encoding: .utf8)
        let seed = try SeedParameters(eventCount: 3, sectionsPerEvent: 2, seatsPerSection: 5, basePriceMinor: 5000,
                                      priceStepMinor: 1000, currency: "JPY").render(template: template)
        try psql(databaseURL, ["-c", "CREATE SCHEMA \(schema)"])
        for migration in migrations { try psql(databaseURL, ["-1", "-f", migration], schema: schema) }
        try psql(databaseURL, ["-1", "-c", seed], schema: schema)

        let settings = try DatabaseSettings(databaseURL: databaseURL)
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password?.reveal,
            database: settings.name, tls: .disable)
        configuration.options.additionalStartupParameters = [("options", "-c search_path=\(schema)")]
        let postgres = PostgresClient(configuration: configuration, backgroundLogger: logger)
        Task { await postgres.run() }

        let redis = try ServiceClients.redis(RedisSettings(host: redisHost, port: redisPort, tls: false,
                                                           authToken: SecretValue(redisPassword)))
        for event in ["evt-0001", "evt-0002", "evt-0003"] {
            var keys = ["room:\(event):seq", "room:\(event):opened", "summary:\(event):S01", "summary:\(event):S02",
                        "seats:\(event)"]
            for section in ["S01", "S02"] {
                for seat in 1...5 { keys.append("hold:\(event):\(section)-0000\(seat)") }
            }
            _ = try await redis.delete(keys)
        }

        let aws = AWSClient(region: "ap-northeast-1",
                            credentialProvider: StaticCredentialProvider(
                                AWSCredentials(accessKeyId: "AKIDTESTPUBLICAPI", secretAccessKey: "test-secret"),
                                source: "tests"),
                            endpoints: EndpointResolver(explicitURL: endpoint))
        let dynamo = DynamoDB(client: aws)
        let table = "seat-locks-" + UUID().uuidString.prefix(8).lowercased()
        _ = try await dynamo.createTable(name: table, partitionKey: (name: "seatKey", type: "S"))
        try await dynamo.enableTimeToLive(table: table, attribute: "expiresAt")

        let api = PublicAPI(configuration: try Self.configuration(table: table), redis: redis, postgres: postgres, aws: aws,
                            logger: logger)
        return TestStack(api: api, redis: redis, dynamo: dynamo, table: table, schema: schema, postgres: postgres,
                         aws: aws, logger: logger)
    }

    /// The tests' configuration; `sales` says which region sells and which one this process is.
    static func configuration(table: String, sales: SalesRegion = .home("ap-northeast-1")) throws -> PublicAPIConfiguration {
        PublicAPIConfiguration(roomTokenKey: try RoomTokenKey(secret: SecretValue(String(repeating: "k", count: 40))),
                               admissionRatePerSecond: 1_000_000, holdTTLSeconds: 60, seatLockTable: table, sales: sales)
    }

    /// Another public-api process on the same stores, e.g. one of a region that does not sell.
    func api(sales: SalesRegion) throws -> PublicAPI {
        PublicAPI(configuration: try Self.configuration(table: table, sales: sales), redis: redis, postgres: postgres,
                  aws: aws, logger: logger)
    }

    /// Runs SQL in this run's schema (test set-up the API itself cannot do).
    func sql(_ statement: String) throws {
        try Self.psql(try Self.required("TPS_DATABASE_URL"), ["-c", statement], schema: schema)
    }

    func application() -> some ApplicationProtocol {
        Application(router: api.router())
    }

    /// Runs psql against the test database; a failure carries psql's own message.
    static func psql(_ url: String, _ arguments: [String], schema: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-q", "-v", "ON_ERROR_STOP=1"] + arguments
        var environment = ProcessInfo.processInfo.environment
        if let schema { environment["PGOPTIONS"] = "-c search_path=\(schema)" }
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SetupError("psql failed: " + String(decoding: message, as: UTF8.self))
        }
    }
}

struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
