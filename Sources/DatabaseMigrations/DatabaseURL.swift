import FoundationEssentials
import NIOSSL
import PostgresNIO

/// A `postgres://user:pass@host:port/db?sslmode=…` URL. The password is kept out of
/// `description` and every error: only `redacted` is ever shown.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require, verifyFull = "verify-full"
    }

    public let host: String
    public let port: Int
    public let user: String
    let password: String?
    public let database: String
    public let sslMode: SSLMode

    public init(_ text: String) throws(MigrationError) {
        let shown = Self.redact(text)
        guard let parts = URLComponents(string: text) else {
            throw .badDatabaseURL(url: shown, reason: "not a URL")
        }
        guard parts.scheme == "postgres" || parts.scheme == "postgresql" else {
            throw .badDatabaseURL(url: shown, reason: "scheme must be postgres:// or postgresql://")
        }
        guard let host = parts.host, !host.isEmpty else { throw .badDatabaseURL(url: shown, reason: "missing host") }
        guard let user = parts.user, !user.isEmpty else { throw .badDatabaseURL(url: shown, reason: "missing user") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw .badDatabaseURL(url: shown, reason: "path must name one database, e.g. /tps")
        }
        var mode = SSLMode.prefer
        for item in parts.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw .badDatabaseURL(url: shown, reason: "unknown parameter \(item.name) (only sslmode)")
            }
            guard let value = item.value, let parsed = SSLMode(rawValue: value) else {
                let allowed = SSLMode.allCases.map(\.rawValue).joined(separator: "|")
                throw .badDatabaseURL(url: shown, reason: "sslmode must be one of \(allowed)")
            }
            mode = parsed
        }
        self.host = host
        self.port = parts.port ?? 5432
        self.user = user
        self.password = parts.password
        self.database = database
        self.sslMode = mode
    }

    /// Whether the URL itself carries a password (`user:password@`).
    public var hasPassword: Bool { password != nil }

    /// The same URL with `password`, given apart from it (environment or file), so it never
    /// has to be in a process's arguments.
    public func with(password: String) -> DatabaseURL {
        DatabaseURL(host: host, port: port, user: user, password: password, database: database, sslMode: sslMode)
    }

    /// The same server with another database, for tooling that creates databases.
    public func with(database: String) -> DatabaseURL {
        DatabaseURL(host: host, port: port, user: user, password: password, database: database, sslMode: sslMode)
    }

    private init(host: String, port: Int, user: String, password: String?, database: String, sslMode: SSLMode) {
        (self.host, self.port, self.user, self.password, self.database, self.sslMode) =
            (host, port, user, password, database, sslMode)
    }

    public var redacted: String {
        let secret = password == nil ? "" : ":***"
        return "postgres://\(user)\(secret)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
    }

    public var description: String { redacted }

    /// Connection settings; `require` encrypts without checking the certificate (libpq's meaning),
    /// `verify-full` checks chain and host name.
    func connectionConfiguration() throws(MigrationError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case .disable:
                tls = .disable
            case .prefer, .require:
                var config = TLSConfiguration.makeClientConfiguration()
                config.certificateVerification = .none
                let context = try NIOSSLContext(configuration: config)
                tls = sslMode == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw .connectionFailed(url: redacted, reason: "cannot set up TLS")
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                database: database, tls: tls)
    }

    /// Replaces whatever sits between `user:` and `@` so even an unparsable URL is shown safely.
    static func redact(_ text: String) -> String {
        guard let schemeEnd = text.firstRange(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else { return text }
        let userInfo = rest[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<schemeEnd.upperBound]) + userInfo[..<colon] + ":***" + rest[at...]
    }
}
