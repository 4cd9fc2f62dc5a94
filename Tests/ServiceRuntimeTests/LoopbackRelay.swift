import NIOCore
import NIOPosix

/// A TCP relay on another loopback address (`127.0.0.2`) to a server on `127.0.0.1`: the same
/// server reached by an address its certificate does not name, as a client misdirected to an
/// impostor would reach it. Every connection is relayed byte for byte until either side closes.
final class LoopbackRelay: Sendable {
    let host: String
    let port: Int
    private let server: any Channel

    init(host: String = "127.0.0.2", to targetPort: Int) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                inbound.setOption(.autoRead, value: false).flatMap {
                    ClientBootstrap(group: inbound.eventLoop)
                        .channelInitializer { _ in inbound.eventLoop.makeSucceededVoidFuture() }
                        .connect(host: "127.0.0.1", port: targetPort)
                }.flatMap { outbound in
                    let (a, b) = RelayHandler.pair()
                    return inbound.pipeline.addHandler(a).flatMap { outbound.pipeline.addHandler(b) }
                        .flatMap { inbound.setOption(.autoRead, value: true) }
                }
            }
            .bind(host: host, port: 0).get()
        self.host = host
        port = server.localAddress?.port ?? 0
    }

    func close() async {
        try? await server.close()
    }
}

/// One side of a relayed pair: what it reads it writes to its partner; closing closes both.
private final class RelayHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Both halves live on their channels' event loops; `partner` is set once, before either is added.
    private var partner: RelayHandler?
    private var context: ChannelHandlerContext?

    static func pair() -> (RelayHandler, RelayHandler) {
        let first = RelayHandler(), second = RelayHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        partner?.send(bytes)
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.closeChannel()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func send(_ bytes: ByteBuffer) {
        guard let context else { return }
        let channel = context.channel
        channel.eventLoop.execute { channel.writeAndFlush(bytes, promise: nil) }
    }

    private func closeChannel() {
        guard let channel = context?.channel else { return }
        channel.close(promise: nil)
    }
}
