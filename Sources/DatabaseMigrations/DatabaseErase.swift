import FoundationEssentials
import Logging
import PostgresNIO

/// Drops everything the connecting user owns in the database — tables, sequences, types,
/// functions, the migrations' record — and nothing else (the `public` schema belongs to
/// `pg_database_owner`, other roles' objects stay). What deleting an Aurora cluster does to its
/// data, for the local PostgreSQL that stands in for one. Waits for running migrations (their
/// advisory lock) so it never drops a schema half-applied.
public struct DatabaseErase: Sendable {
    let url: DatabaseURL
    let logger: Logger

    public init(url: DatabaseURL, logger: Logger = Logger(label: "tpsctl.db-erase")) {
        self.url = url
        self.logger = logger
    }

    public func run() async throws(MigrationError) {
        let configuration = try url.connectionConfiguration()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw .connectionFailed(url: url.redacted, reason: url.failureReason(error))
        }
        defer { Task { try? await connection.close() } }
        do {
            try await connection.query("SELECT pg_advisory_lock(\(MigrationRunner.lockKey))", logger: logger)
            try await connection.query("DROP OWNED BY CURRENT_USER CASCADE", logger: logger)
            try await connection.query("SELECT pg_advisory_unlock(\(MigrationRunner.lockKey))", logger: logger)
        } catch {
            throw .connectionFailed(url: url.redacted, reason: url.failureReason(error))
        }
    }
}
