import NIOCore
import NIOPosix

/// Copies bytes between two channels with backpressure: a side's reads pause while the other
/// side cannot take more, and either side closing closes both.
final class TCPRelayHandler: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Both halves are used only on their channels' event loop, which the pair shares.
    private var partner: TCPRelayHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false

    static func pair() -> (TCPRelayHandler, TCPRelayHandler) {
        let first = TCPRelayHandler()
        let second = TCPRelayHandler()
        first.partner = second
        second.partner = first
        return (first, second)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        partner?.write(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        partner?.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        partner?.close()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.resumeReading() }
    }

    func read(context: ChannelHandlerContext) {
        if let partner, !partner.isWritable {
            pendingRead = true
        } else {
            context.read()
        }
    }

    private var isWritable: Bool { context?.channel.isWritable ?? false }

    private func write(_ buffer: ByteBuffer) {
        context?.write(wrapOutboundOut(buffer), promise: nil)
    }

    private func flush() {
        context?.flush()
    }

    private func close() {
        context?.close(promise: nil)
    }

    private func resumeReading() {
        guard pendingRead, let context else { return }
        pendingRead = false
        context.read()
    }
}

/// Accepts on a socket bound inside a task's namespace and relays each connection to a port
/// of the host's loopback: the task's `127.0.0.1:6390` is the host's Redis, as the VPC's
/// endpoints are reachable from a Fargate task. Used only for the local servers a stack's
/// `local` section names.
struct LoopbackForwarder {
    static func start(listeningSocket: CInt, hostPort: Int, group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.autoRead, value: true)
            .childChannelInitializer { inbound in
                inbound.setOption(.autoRead, value: false).flatMap {
                    ClientBootstrap(group: inbound.eventLoop)
                        .channelOption(.socketOption(.tcp_nodelay), value: 1)
                        .connect(host: "127.0.0.1", port: hostPort)
                }.flatMap { outbound in
                    let (inboundHalf, outboundHalf) = TCPRelayHandler.pair()
                    return inbound.pipeline.addHandler(inboundHalf).flatMap {
                        outbound.pipeline.addHandler(outboundHalf)
                    }.flatMap {
                        inbound.setOption(.autoRead, value: true)
                    }
                }
            }
            .withBoundSocket(listeningSocket).get()
    }
}
