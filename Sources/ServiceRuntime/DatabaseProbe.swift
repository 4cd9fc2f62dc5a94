import Logging
import NIOSSL
import PostgresNIO
import Ticketing

/// One connection to PostgreSQL with the service's own TLS, `SELECT 1`, closed. The pool retries
/// a failing connect quietly and reports only that it gave up, so a service runs this once at
/// start to say why (a certificate the roots do not sign, a host it does not name) in its log.
public struct DatabaseProbe: Sendable {
    public let tls: DatabaseTLS

    public init(_ tls: DatabaseTLS) {
        self.tls = tls
    }

    /// Throws `DatabaseProbeFailure`, one line naming the problem.
    public func run(logger: Logger = Logger(label: "postgres-probe")) async throws(DatabaseProbeFailure) {
        let settings = tls.settings
        do {
            var connectionTLS = PostgresConnection.Configuration.TLS.disable
            if let configuration = tls.configuration {
                connectionTLS = .require(try NIOSSLContext(configuration: configuration))
            }
            let configuration = PostgresConnection.Configuration(
                host: settings.host, port: settings.port, username: settings.user,
                password: settings.password?.reveal, database: settings.name, tls: connectionTLS)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            do {
                _ = try await connection.query("SELECT 1", logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        } catch {
            throw DatabaseProbeFailure(reason: tls.failureReason(error))
        }
    }

    /// Runs the probe and logs its outcome: the reason at error level, or that the database answered.
    public func report(to logger: Logger) async {
        do {
            try await run()
            logger.info("database reachable", metadata: ["postgres": "\(tls.settings)"])
        } catch {
            logger.error("database connection failed", metadata: ["reason": "\(error.reason)"])
        }
    }
}

/// Why the probe could not connect and query, in one line without the password.
public struct DatabaseProbeFailure: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { "database connection failed: \(reason)" }
}
