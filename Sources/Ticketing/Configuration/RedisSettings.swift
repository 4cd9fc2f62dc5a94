/// Where Redis is and how to talk to it. ElastiCache with in-transit encryption needs TLS and
/// an AUTH token; the local server uses a password without TLS.
public struct RedisSettings: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let tls: Bool
    public let authToken: SecretValue?
    /// With TLS, the PEM file of the CAs the server's certificate must chain to (REDIS_CA_FILE);
    /// nil: the system roots. The host name is checked either way.
    public let caFilePath: String?

    public init(host: String, port: Int, tls: Bool, authToken: SecretValue?, caFilePath: String? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
        self.authToken = authToken
        self.caFilePath = caFilePath
    }

    init(reader: EnvironmentReader) throws(EnvironmentError) {
        self.init(host: try reader.string(.redisHost),
                  port: try reader.int(.redisPort, in: 1...65535, default: 6379),
                  tls: try reader.bool(.redisTLS, default: false),
                  authToken: reader.optionalSecret(.redisAuthToken),
                  caFilePath: reader.optional(.redisCAFile))
    }

    public var description: String {
        "redis\(tls ? "s" : "")://\(host):\(port) auth=\(authToken == nil ? "none" : "<redacted>")"
    }
}
