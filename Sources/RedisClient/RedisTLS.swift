import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import ServerTrust

/// Builds the TLS client context once per pool (loading the CA file is the expensive part) and
/// decides the SNI name for each connection. The server's chain is checked against the CA file
/// (or the system roots) and its certificate against the host name (or the IP address connected
/// to): ElastiCache's in-transit encryption is worth nothing against a server that is not it.
struct RedisTLS: Sendable {
    let context: NIOSSLContext
    let roots: TrustRoots

    init(_ tls: RedisConfiguration.TLS) throws(RedisError) {
        do {
            roots = try TrustRoots.load(tls.caFilePath)
        } catch {
            throw RedisError(kind: .connectionFailed, message: "cannot set up TLS: \(error)")
        }
        do {
            context = try NIOSSLContext(configuration: roots.clientConfiguration)
        } catch {
            throw RedisError(kind: .connectionFailed, message: "cannot set up TLS (CA file \(roots)): \(error)")
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

/// Sits behind the TLS handler and turns a refused server certificate into one line naming the
/// problem (`does not verify against …`, `does not name …`). It also keeps it in `refusal`: a
/// handshake refused at once closes the channel before the connect has even found its command
/// handler, and the connect then reports this line rather than the closed pipeline.
final class CertificateRefusalHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let server: String
    let host: String
    let roots: TrustRoots
    let refusal: NIOLockedValueBox<RedisError?>

    init(server: String, host: String, roots: TrustRoots, refusal: NIOLockedValueBox<RedisError?>) {
        self.server = server
        self.host = host
        self.roots = roots
        self.refusal = refusal
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let line = CertificateRefusal.describe(error, server: server, host: host, roots: roots) else {
            context.fireErrorCaught(error)
            return
        }
        let refused = RedisError(kind: .connectionFailed, message: line)
        refusal.withLockedValue { $0 = $0 ?? refused }
        context.fireErrorCaught(refused)
    }
}
