import DatabaseMigrations
import EnvironmentContract
import FoundationEssentials
import Logging
import ServiceRuntime
import Ticketing

/// `confirm-worker migrate`: applies the embedded migrations (and, with the seed flags, the
/// idempotent seed) to the database the environment names, then exits. Stage 08 runs it as a
/// one-off ECS task on the worker image, which has the database's network access and secret.
/// Database from DATABASE_URL, or DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, DB_SSLMODE, DB_SSLROOTCERT.
public enum MigrateCommand {
    public static let usage = """
        usage: confirm-worker migrate [--seed-events N --seed-sections N --seed-seats N \
        --seed-base-price MINOR --seed-price-step MINOR --seed-currency XXX]
        """

    /// Runs and returns the process exit code; problems are one line on stderr, never a secret.
    public static func run(arguments: [String], environment: [String: String], logger: Logger) async -> Int32 {
        do {
            let seed = try SeedFlags.parse(arguments)
            let url = try databaseURL(environment)
            let script = try seed.map { SeedScript(sql: try $0.render(template: EmbeddedMigrations.seedTemplate)) }
            let report = try await MigrationRunner(url: url, logger: logger)
                .run(migrations: EmbeddedMigrations.migrations, seed: script)
            logger.info("migrated", metadata: [
                "database": "\(url.redacted)", "applied": "\(report.applied.map(\.version))",
                "skipped": "\(report.skipped.map(\.version))", "seedStatements": "\(report.seedStatements)",
            ])
            return 0
        } catch let error as MigrateUsageError {
            StandardStreams.writeError("confirm-worker migrate: \(error)\n\(usage)\n")
            return 2
        } catch {
            StandardStreams.writeError("confirm-worker migrate: \(error)\n")
            return 1
        }
    }

    /// DATABASE_URL as given, else one built from the DB_* keys (TLS required by default).
    static func databaseURL(_ environment: [String: String]) throws -> DatabaseURL {
        if let text = environment[EnvironmentKey.databaseURL.rawValue], !text.isEmpty {
            return try DatabaseURL(text)
        }
        func required(_ key: EnvironmentKey) throws -> String {
            guard let value = environment[key.rawValue], !value.isEmpty else {
                throw MigrateUsageError("\(key.rawValue) is not set (or set DATABASE_URL)")
            }
            return value
        }
        var parts = URLComponents()
        parts.scheme = "postgres"
        parts.host = try required(.dbHost)
        parts.port = Int(environment[EnvironmentKey.dbPort.rawValue] ?? "5432")
        parts.user = try required(.dbUser)
        parts.password = try required(.dbPassword)
        parts.path = "/" + (try required(.dbName))
        parts.queryItems = [URLQueryItem(name: "sslmode", value: environment[EnvironmentKey.dbSSLMode.rawValue] ?? "require")]
        if let roots = environment[EnvironmentKey.dbSSLRootCert.rawValue], !roots.isEmpty {
            parts.queryItems?.append(URLQueryItem(name: "sslrootcert", value: roots))
        }
        guard let text = parts.string else { throw MigrateUsageError("DB_* keys do not form a database URL") }
        return try DatabaseURL(text)
    }
}

/// A bad flag or a missing key; printed with the usage.
struct MigrateUsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
