import FoundationEssentials
import Logging
import PostgresNIO

/// Applies pending migrations, each in its own transaction together with its
/// `schema_migrations` row, so a failure leaves neither partial schema nor a record.
/// Concurrent runners (two deploys, two regions' pipelines) queue on an advisory lock: the
/// second sees the first one's records and applies nothing twice.
public struct MigrationRunner: Sendable {
    /// Advisory lock key shared by every runner of this project ("tps-migr" as bytes).
    public static let lockKey: Int64 = 0x7470_732D_6D69_6772

    let url: DatabaseURL
    let logger: Logger

    public init(url: DatabaseURL, logger: Logger = Logger(label: "tpsctl.db-init")) {
        self.url = url
        self.logger = logger
    }

    public func run(migrations: [Migration], seed: SeedScript? = nil) async throws(MigrationError) -> MigrationReport {
        let configuration = try url.connectionConfiguration()
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw .connectionFailed(url: url.redacted, reason: reason(error))
        }
        do {
            let report = try await run(on: connection, migrations: migrations, seed: seed)
            try? await connection.close()
            return report
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private func run(on connection: PostgresConnection, migrations: [Migration],
                     seed: SeedScript?) async throws(MigrationError) -> MigrationReport {
        do {
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer     PRIMARY KEY CHECK (version >= 1),
                    name       text        NOT NULL,
                    checksum   char(64)    NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, logger: logger)
        } catch {
            throw .connectionFailed(url: url.redacted, reason: reason(error))
        }
        let applied = try await appliedMigrations(on: connection)
        try verify(applied: applied, against: migrations)

        var report = MigrationReport()
        for migration in migrations {
            let entry = MigrationReport.Entry(version: migration.version, name: migration.name)
            if applied[migration.version] != nil {
                report.skipped.append(entry)
                continue
            }
            try await apply(migration, on: connection)
            logger.info("applied migration", metadata: ["migration": "\(entry)"])
            report.applied.append(entry)
        }
        if let seed {
            report.seedStatements = try await apply(seed, on: connection)
        }
        _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
        return report
    }

    private func appliedMigrations(on connection: PostgresConnection) async throws(MigrationError)
        -> [Int: (name: String, checksum: String)] {
        do {
            var result: [Int: (name: String, checksum: String)] = [:]
            let rows = try await connection.query(
                "SELECT version, name, checksum FROM schema_migrations ORDER BY version", logger: logger)
            for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
                result[version] = (name, checksum)
            }
            return result
        } catch {
            throw .connectionFailed(url: url.redacted, reason: reason(error))
        }
    }

    /// Every recorded migration must still exist with the same text; otherwise databases diverge.
    private func verify(applied: [Int: (name: String, checksum: String)],
                        against migrations: [Migration]) throws(MigrationError) {
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for version in applied.keys.sorted() {
            let record = applied[version]!
            guard let migration = byVersion[version] else {
                throw .unknownAppliedVersion(version: version, name: record.name)
            }
            guard migration.checksum == record.checksum else {
                throw .checksumMismatch(version: version, name: migration.name,
                                        recorded: record.checksum, found: migration.checksum)
            }
        }
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) async throws(MigrationError) {
        let statements = SQLStatements.split(migration.sql)
        do {
            try await connection.withTransaction(logger: logger) { transaction in
                try await transaction.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                for statement in statements {
                    try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await transaction.query("""
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: logger)
            }
        } catch {
            throw .migrationFailed(version: migration.version, name: migration.name, reason: reason(error))
        }
    }

    private func apply(_ seed: SeedScript, on connection: PostgresConnection) async throws(MigrationError) -> Int {
        let statements = SQLStatements.split(seed.sql)
        do {
            try await connection.withTransaction(logger: logger) { transaction in
                for statement in statements {
                    try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
            }
        } catch {
            throw .seedFailed(reason: reason(error))
        }
        return statements.count
    }

    private func reason(_ error: any Error) -> String { url.failureReason(error) }
}
