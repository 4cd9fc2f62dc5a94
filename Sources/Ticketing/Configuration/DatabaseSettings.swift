import EnvironmentContract
import FoundationEssentials

/// Where PostgreSQL is: from DATABASE_URL (local runs) or the DB_* keys (Aurora, with the
/// password injected as a secret). The description never shows the password.
public struct DatabaseSettings: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        case disable
        case require
        case verifyFull = "verify-full"
    }

    public let host: String
    public let port: Int
    public let name: String
    public let user: String
    public let password: SecretValue?
    public let tls: TLSMode
    /// The PEM file of the CAs `verify-full` checks the server's chain against (DB_SSLROOTCERT, or
    /// `sslrootcert=` in DATABASE_URL as libpq spells it); nil: the system roots.
    public let rootCertificatePath: String?
    /// Connections of this process's pool (DB_POOL_SIZE): the stack sizes it so every task at
    /// maxCount fits in what Aurora accepts.
    public var poolSize: Int

    public static let defaultPoolSize = 20

    public init(host: String, port: Int, name: String, user: String, password: SecretValue?, tls: TLSMode,
                rootCertificatePath: String? = nil, poolSize: Int = defaultPoolSize) {
        self.host = host
        self.port = port
        self.name = name
        self.user = user
        self.password = password
        self.tls = tls
        self.rootCertificatePath = rootCertificatePath
        self.poolSize = poolSize
    }

    /// DATABASE_URL wins when set; otherwise DB_HOST, DB_NAME, DB_USER and DB_PASSWORD are required.
    init(reader: EnvironmentReader) throws(EnvironmentError) {
        let poolSize = try reader.int(.dbPoolSize, in: 1...1_000, default: Self.defaultPoolSize)
        if let url = reader.optional(.databaseURL) {
            try self.init(databaseURL: url)
            self.poolSize = poolSize
            return
        }
        let mode = try Self.tlsMode(reader.optional(.dbSSLMode), key: .dbSSLMode, reader: reader) ?? .require
        self.init(host: try reader.string(.dbHost), port: try reader.int(.dbPort, in: 1...65535, default: 5432),
                  name: try reader.string(.dbName), user: try reader.string(.dbUser),
                  password: try reader.secret(.dbPassword), tls: mode,
                  rootCertificatePath: reader.optional(.dbSSLRootCert), poolSize: poolSize)
    }

    /// `postgres[ql]://user[:password]@host[:port]/name[?sslmode=disable|require|verify-full][&sslrootcert=FILE]`.
    public init(databaseURL: String) throws(EnvironmentError) {
        let key = EnvironmentKey.databaseURL
        guard let parts = URLComponents(string: databaseURL),
              let scheme = parts.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme) else {
            throw .invalid(key, reason: "must be a postgres:// URL")
        }
        guard let host = parts.host, !host.isEmpty else { throw .invalid(key, reason: "has no host") }
        guard let user = parts.user, !user.isEmpty else { throw .invalid(key, reason: "has no user") }
        let name = String(parts.path.dropFirst())
        guard !name.isEmpty, !name.contains("/") else { throw .invalid(key, reason: "has no database name in its path") }
        if let port = parts.port, !(1...65535).contains(port) { throw .invalid(key, reason: "has a port outside 1...65535") }
        let sslmode = parts.queryItems?.first { $0.name == "sslmode" }?.value
        let mode = try Self.tlsMode(sslmode, key: key, reader: nil) ?? .disable
        let rootCertificate = parts.queryItems?.first { $0.name == "sslrootcert" }?.value.flatMap { $0.isEmpty ? nil : $0 }
        self.init(host: host, port: parts.port ?? 5432, name: name,
                  user: user, password: parts.password.map(SecretValue.init), tls: mode, rootCertificatePath: rootCertificate)
    }

    private static func tlsMode(_ text: String?, key: EnvironmentKey,
                                reader: EnvironmentReader?) throws(EnvironmentError) -> TLSMode? {
        guard let text else { return nil }
        guard let mode = TLSMode(rawValue: text) else {
            let reason = (key == .dbSSLMode ? "" : "sslmode ") + "must be disable, require or verify-full"
            throw reader?.invalid(key, text, reason) ?? .invalid(key, reason: reason)
        }
        return mode
    }

    public var description: String {
        "postgres://\(user)\(password == nil ? "" : ":<redacted>")@\(host):\(port)/\(name) tls=\(tls.rawValue)"
            + (tls == .verifyFull ? " roots=\(rootCertificatePath ?? "system")" : "")
    }
}
