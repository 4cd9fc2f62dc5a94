import NIOCore
import NIOSSL

/// Builds the TLS client context once per pool (loading the CA file is the expensive part) and
/// decides the SNI name for each connection.
enum RedisTLS {
    static func makeContext(_ tls: RedisConfiguration.TLS) throws(RedisError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let path = tls.caFilePath {
            configuration.trustRoots = .file(path)
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw RedisError(kind: .connectionFailed,
                             message: "cannot set up TLS (CA file \(tls.caFilePath ?? "system roots")): \(error)")
        }
    }

    /// SNI must be a name: for an IP host without an explicit server name, none is sent and
    /// NIOSSL verifies the certificate's IP address instead.
    static func serverName(host: String, tls: RedisConfiguration.TLS) -> String? {
        if let name = tls.serverName { return name }
        let isIPAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return isIPAddress ? nil : host
    }
}
