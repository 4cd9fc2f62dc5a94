import FoundationEssentials
import NIOSSL
import PostgresNIO
import ServerTrust

/// A `postgres://user:pass@host:port/db?sslmode=…[&sslrootcert=FILE]` URL. The password is kept
/// out of `description` and every error: only `redacted` is ever shown.
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
    /// The PEM file of the CAs `verify-full` checks the chain against (libpq's `sslrootcert`);
    /// nil: the system roots.
    public let rootCertificatePath: String?

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
        var rootCertificate: String?
        for item in parts.queryItems ?? [] {
            if item.name == "sslrootcert" {
                guard let value = item.value, !value.isEmpty else {
                    throw .badDatabaseURL(url: shown, reason: "sslrootcert needs a file")
                }
                rootCertificate = value
                continue
            }
            guard item.name == "sslmode" else {
                throw .badDatabaseURL(url: shown, reason: "unknown parameter \(item.name) (only sslmode and sslrootcert)")
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
        self.rootCertificatePath = rootCertificate
    }

    /// Whether the URL itself carries a password (`user:password@`).
    public var hasPassword: Bool { password != nil }

    /// The same URL with `password`, given apart from it (environment or file), so it never
    /// has to be in a process's arguments.
    public func with(password: String) -> DatabaseURL {
        DatabaseURL(host: host, port: port, user: user, password: password, database: database, sslMode: sslMode,
                    rootCertificatePath: rootCertificatePath)
    }

    /// The same server with another database, for tooling that creates databases.
    public func with(database: String) -> DatabaseURL {
        DatabaseURL(host: host, port: port, user: user, password: password, database: database, sslMode: sslMode,
                    rootCertificatePath: rootCertificatePath)
    }

    private init(host: String, port: Int, user: String, password: String?, database: String, sslMode: SSLMode,
                 rootCertificatePath: String?) {
        (self.host, self.port, self.user, self.password, self.database, self.sslMode, self.rootCertificatePath) =
            (host, port, user, password, database, sslMode, rootCertificatePath)
    }

    public var redacted: String {
        let secret = password == nil ? "" : ":***"
        return "postgres://\(user)\(secret)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
            + (rootCertificatePath.map { "&sslrootcert=\($0)" } ?? "")
    }

    public var description: String { redacted }

    /// Connection settings; `require` encrypts without checking the certificate (libpq's meaning),
    /// `verify-full` checks the chain against `sslrootcert` (else the system roots) and the host name.
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
                tls = .require(try NIOSSLContext(configuration: try trustRoots().clientConfiguration))
            }
        } catch let error as TrustRootsError {
            throw .connectionFailed(url: redacted, reason: "cannot set up TLS: \(error)")
        } catch {
            throw .connectionFailed(url: redacted, reason: "cannot set up TLS")
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                database: database, tls: tls)
    }

    /// What `verify-full` checks the server's chain against.
    func trustRoots() throws(TrustRootsError) -> TrustRoots {
        try TrustRoots.load(rootCertificatePath)
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
