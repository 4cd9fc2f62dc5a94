import ConfirmTestSupport
import ConfirmWorker
import Foundation
import PostgresNIO
import Testing

/// `confirm-worker migrate` as stage 08 runs it (the ECS command appended to the entrypoint,
/// so the program name comes twice): migrates a fresh database, is a no-op the second time, and
/// a missing key is one line naming it, with exit 2.
@Suite struct MigrateCommandTests {
    /// Runs the binary to completion; its exit status and stderr.
    static func run(_ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = try WorkerProcess.binary()
        process.arguments = arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: message, as: UTF8.self))
    }

    @Test func migratesAFreshDatabaseOnceAndSeeds() async throws {
        let stack = try await ConfirmStack.get()
        let database = "confirm_migrate_" + UUID().uuidString.prefix(8).lowercased()
        try await stack.postgres.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"), logger: stack.logger)
        guard let slash = stack.databaseURL.lastIndex(of: "/") else { throw StackError("no database in the URL") }
        let url = String(stack.databaseURL[..<slash]) + "/" + database + "?sslmode=disable"
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = url
        let seed = ["--seed-events", "1", "--seed-sections", "1", "--seed-seats", "3", "--seed-base-price", "100",
                    "--seed-price-step", "10", "--seed-currency", "KRW"]
        let first = try Self.run(["confirm-worker", "migrate"] + seed, environment: environment)
        #expect(first.0 == 0, "\(first.1)")
        let second = try Self.run(["confirm-worker", "migrate"], environment: environment)
        #expect(second.0 == 0, "\(second.1)")

        let settings = try DatabaseSettingsProbe.client(url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await settings.run() }
            let versions = try await settings.query("SELECT count(*) FROM schema_migrations", logger: stack.logger)
            for try await count in versions.decode(Int64.self) { #expect(Int(count) == EmbeddedMigrations.migrations.count) }
            let seats = try await settings.query("SELECT count(*) FROM seats", logger: stack.logger)
            for try await count in seats.decode(Int64.self) { #expect(count == 3) }
            group.cancelAll()
        }
    }

    @Test func aMissingKeyIsOneLineNamingIt() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["DB_HOST"] = "db.example"
        environment["DB_USER"] = "tps"
        environment["DB_PASSWORD"] = "hunter2-not-shown"
        let (status, message) = try Self.run(["migrate"], environment: environment)
        #expect(status == 2)
        #expect(message.contains("DB_NAME is not set"))
        #expect(!message.contains("hunter2"))
        let (bad, flagMessage) = try Self.run(["migrate", "--seed-events", "1"], environment: environment)
        #expect(bad == 2)
        #expect(flagMessage.contains("--seed-sections is required"))
    }

    /// Stage 08 runs `migrate` with the task definition's DB_* keys: verify-full against
    /// DB_SSLROOTCERT, as the services. The testenv CA passes; CAs that did not sign the server's
    /// certificate stop it with one line naming the problem and exit 1, before any statement.
    @Test func verifyFullChecksTheServerAgainstDBSSLROOTCERT() async throws {
        let stack = try await ConfirmStack.get()
        guard let ca = ProcessInfo.processInfo.environment["TPS_DATABASE_CA"], !ca.isEmpty,
              let url = URLComponents(string: stack.databaseURL), let host = url.host, let user = url.user,
              let password = url.password else {
            throw StackError("TPS_DATABASE_CA / the database URL: start the test servers (scripts/testenv start)")
        }
        let database = "confirm_verify_" + UUID().uuidString.prefix(8).lowercased()
        try await stack.postgres.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(database)"), logger: stack.logger)
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = nil
        environment["DB_HOST"] = host
        environment["DB_PORT"] = String(url.port ?? 5432)
        environment["DB_USER"] = user
        environment["DB_PASSWORD"] = password
        environment["DB_NAME"] = database
        environment["DB_SSLMODE"] = "verify-full"

        environment["DB_SSLROOTCERT"] = "/etc/ssl/certs/ca-certificates.crt"
        let refused = try Self.run(["confirm-worker", "migrate"], environment: environment)
        #expect(refused.0 == 1, "\(refused.1)")
        let line = refused.1.trimmingCharacters(in: .newlines)
        #expect(!line.contains("\n") && !line.contains(password), "one line, no password: \(line)")
        #expect(line.contains("the TLS certificate of \(host):\(url.port ?? 5432) does not verify against /etc/ssl/certs/ca-certificates.crt"),
                "\(line)")

        environment["DB_SSLROOTCERT"] = ca
        let migrated = try Self.run(["confirm-worker", "migrate"], environment: environment)
        #expect(migrated.0 == 0, "\(migrated.1)")
    }
}

/// A one-connection client for a database other than the stack's.
enum DatabaseSettingsProbe {
    static func client(_ url: String) throws -> PostgresClient {
        guard let parts = URLComponents(string: url), let host = parts.host, let user = parts.user else {
            throw StackError("bad database URL")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: user, password: parts.password,
            database: String(parts.path.dropFirst()), tls: .disable)
        configuration.options.maximumConnections = 1
        return PostgresClient(configuration: configuration)
    }
}
