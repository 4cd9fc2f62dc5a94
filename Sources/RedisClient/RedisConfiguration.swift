/// Where and how to connect. Built in code, from a `redis://` / `rediss://` URL, or from the services'
/// environment keys. `description` and reflection never show the password.
public struct RedisConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// TLS settings; ElastiCache with in-transit encryption needs TLS (and then AUTH).
    public struct TLS: Sendable, Hashable {
        /// PEM file of the CA that signed the server certificate; nil trusts the system roots.
        public var caFilePath: String?
        /// Name to send as SNI and verify the certificate against; nil uses `host`
        /// (or, when `host` is an IP address, verifies the certificate's IP SAN).
        public var serverName: String?

        public init(caFilePath: String? = nil, serverName: String? = nil) {
            self.caFilePath = caFilePath
            self.serverName = serverName
        }
    }

    public var host: String
    public var port: Int
    /// ACL user for `AUTH username password`; nil sends `AUTH password` (the `default` user).
    public var username: String?
    /// Secret: never printed.
    public var password: String?
    /// Selected with SELECT on connect when not 0.
    public var database: Int
    public var tls: TLS?
    /// Set with CLIENT SETNAME on connect, so `CLIENT LIST` shows who holds a connection.
    public var clientName: String?
    /// Bounds TCP connect, TLS handshake, AUTH and SELECT together.
    public var connectTimeout: Duration
    /// A command without a reply for this long fails and its connection is closed; nil waits forever.
    public var commandTimeout: Duration?
    /// Pool size: at most this many connections are open at once.
    public var maximumConnections: Int

    public init(
        host: String,
        port: Int = 6379,
        username: String? = nil,
        password: String? = nil,
        database: Int = 0,
        tls: TLS? = nil,
        clientName: String? = nil,
        connectTimeout: Duration = .seconds(5),
        commandTimeout: Duration? = .seconds(5),
        maximumConnections: Int = 8
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
        self.clientName = clientName
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.maximumConnections = maximumConnections
    }

    /// `redis://[[user]:password@]host[:port][/database][?ca=PATH&sni=NAME]`; `rediss://` turns TLS on.
    /// User and password are percent-decoded.
    public init(url: String) throws(RedisConfigurationError) {
        let isTLS: Bool
        var rest: Substring
        if url.hasPrefix("redis://") {
            isTLS = false
            rest = url.dropFirst("redis://".count)
        } else if url.hasPrefix("rediss://") {
            isTLS = true
            rest = url.dropFirst("rediss://".count)
        } else {
            throw RedisConfigurationError(field: "url", problem: "must start with redis:// or rediss://")
        }

        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var username: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                let user = userInfo[..<colon]
                username = user.isEmpty ? nil : try Self.percentDecoded(user, field: "url user")
                password = try Self.percentDecoded(userInfo[userInfo.index(after: colon)...], field: "url password")
            } else if !userInfo.isEmpty {
                // redis://secret@host is the common form for a password alone.
                password = try Self.percentDecoded(userInfo, field: "url password")
            }
        }

        let (host, port) = try Self.hostAndPort(rest)
        var database = 0
        if !path.isEmpty {
            guard let number = Int(path), number >= 0 else {
                throw RedisConfigurationError(field: "url database", problem: "'\(path)' is not a database number")
            }
            database = number
        }
        var tls: TLS? = isTLS ? TLS() : nil
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = parts[0]
            var value = ""
            if parts.count > 1 { value = try Self.percentDecoded(parts[1], field: "url \(key)") }
            switch key {
            case "ca":
                guard tls != nil else { throw RedisConfigurationError(field: "url ca", problem: "needs rediss://") }
                tls?.caFilePath = value
            case "sni":
                guard tls != nil else { throw RedisConfigurationError(field: "url sni", problem: "needs rediss://") }
                tls?.serverName = value
            default:
                throw RedisConfigurationError(field: "url", problem: "unknown query parameter '\(key)'")
            }
        }
        self.init(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    /// The keys tpsctl writes for the services: REDIS_HOST, REDIS_PORT, REDIS_TLS (true|false),
    /// REDIS_AUTH_TOKEN (secret), and optional REDIS_CA_FILE, REDIS_DATABASE.
    public init(environment: [String: String]) throws(RedisConfigurationError) {
        guard let host = environment["REDIS_HOST"], !host.isEmpty else {
            throw RedisConfigurationError(field: "REDIS_HOST", problem: "is not set")
        }
        var port = 6379
        if let text = environment["REDIS_PORT"] {
            guard let number = Int(text), (1...65535).contains(number) else {
                throw RedisConfigurationError(field: "REDIS_PORT", problem: "'\(text)' is not a port number")
            }
            port = number
        }
        var tls: TLS?
        switch environment["REDIS_TLS"]?.lowercased() {
        case nil, "", "false": tls = nil
        case "true": tls = TLS(caFilePath: environment["REDIS_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 })
        case let other?: throw RedisConfigurationError(field: "REDIS_TLS", problem: "'\(other)' is not true or false")
        }
        var database = 0
        if let text = environment["REDIS_DATABASE"] {
            guard let number = Int(text), number >= 0 else {
                throw RedisConfigurationError(field: "REDIS_DATABASE", problem: "'\(text)' is not a database number")
            }
            database = number
        }
        let token = environment["REDIS_AUTH_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        self.init(host: host, port: port, password: token, database: database, tls: tls)
    }

    public var description: String {
        var text = "\(tls == nil ? "redis" : "rediss")://"
        if username != nil || password != nil {
            text += "\(username ?? ""):\(password == nil ? "" : "<redacted>")@"
        }
        text += "\(host):\(port)/\(database)"
        if let tls {
            var query: [String] = []
            if let ca = tls.caFilePath { query.append("ca=\(ca)") }
            if let name = tls.serverName { query.append("sni=\(name)") }
            if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        }
        return text
    }

    public var debugDescription: String { description }

    /// Keeps `dump()` and debuggers from showing the password.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "host": host, "port": port, "username": username as Any,
            "password": password == nil ? "nil" : "<redacted>",
            "database": database, "tls": tls as Any, "clientName": clientName as Any,
            "connectTimeout": connectTimeout, "commandTimeout": commandTimeout as Any,
            "maximumConnections": maximumConnections,
        ])
    }

    private static func hostAndPort(_ text: Substring) throws(RedisConfigurationError) -> (String, Int) {
        var host = text
        var portText: Substring?
        if text.hasPrefix("[") {  // [::1]:6379
            guard let close = text.firstIndex(of: "]") else {
                throw RedisConfigurationError(field: "url host", problem: "unclosed '[' in IPv6 address")
            }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
            else if !after.isEmpty { throw RedisConfigurationError(field: "url host", problem: "unexpected text after ']'") }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { throw RedisConfigurationError(field: "url host", problem: "is empty") }
        var port = 6379
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw RedisConfigurationError(field: "url port", problem: "'\(portText)' is not a port number")
            }
            port = number
        }
        return (String(host), port)
    }

    private static func percentDecoded(_ text: Substring, field: String) throws(RedisConfigurationError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                // The value may be a secret: name the field, never echo the text.
                throw RedisConfigurationError(field: field, problem: "has a malformed %-escape")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A configuration value that cannot be used, naming the field and never its (possibly secret) value.
public struct RedisConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let problem: String

    public var description: String { "redis configuration: \(field) \(problem)" }
}
