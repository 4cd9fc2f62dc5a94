@testable import DatabaseMigrations
import Foundation
import Logging
import PostgresNIO
import Testing

/// A uniquely named database created for one test on the server in TPS_DATABASE_URL and
/// dropped afterwards, so tests never see each other's schema.
struct ScratchDatabase {
    let url: DatabaseURL
    let admin: DatabaseURL
    let name: String

    static func serverURL() throws -> DatabaseURL {
        guard let text = ProcessInfo.processInfo.environment["TPS_DATABASE_URL"], !text.isEmpty else {
            Issue.record("TPS_DATABASE_URL is not set: start PostgreSQL with scripts/testenv start and source .testenv/env")
            throw MissingServer()
        }
        return try DatabaseURL(text)
    }

    struct MissingServer: Error {}

    /// Runs `body` with a fresh database and drops it whatever happens.
    static func with<T>(_ body: (ScratchDatabase) async throws -> T) async throws -> T {
        let admin = try serverURL()
        let name = "mig_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await execute("CREATE DATABASE \(name)", on: admin)
        let scratch = ScratchDatabase(url: admin.with(database: name), admin: admin, name: name)
        do {
            let result = try await body(scratch)
            try await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: admin)
            return result
        } catch {
            try? await execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: admin)
            throw error
        }
    }

    /// Rows of a one-column text query in this database.
    func strings(_ sql: String) async throws -> [String] {
        try await Self.connected(to: url) { connection in
            var values: [String] = []
            for try await value in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
                .decode(String.self) {
                values.append(value)
            }
            return values
        }
    }

    func execute(_ sql: String) async throws { try await Self.execute(sql, on: url) }

    static let logger = Logger(label: "DatabaseMigrationsTests")

    static func execute(_ sql: String, on url: DatabaseURL) async throws {
        try await connected(to: url) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }

    static func connected<T>(to url: DatabaseURL, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await PostgresConnection.connect(
            configuration: try url.connectionConfiguration(), id: 1, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
