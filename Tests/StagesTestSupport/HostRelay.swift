import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A relay on the host's 127.0.0.1: each connection is copied to `target` once it is set. The
/// data plane forwards a task's 127.0.0.1:<port> to the host's, so with this a task reaches the
/// distribution's own loopback address (127.a.b.c:80), which a task's namespace cannot see —
/// what the load-bot tasks need to reach the deployment's entry point.
final class HostRelay: Sendable {
    let port: Int
    private let channel: any Channel
    private let target = Target()

    /// Where connections go, set once the entry point is known.
    private final class Target: Sendable {
        let address = Mutex<(host: String, port: Int)?>(nil)
    }

    init() async throws {
        let relayTarget = target
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                guard let (host, port) = relayTarget.address.withLock({ $0 }) else {
                    return inbound.close()
                }
                return ClientBootstrap(group: inbound.eventLoop).connect(host: host, port: port).flatMap { outbound in
                    inbound.pipeline.addHandler(Copy(to: outbound)).flatMap {
                        outbound.pipeline.addHandler(Copy(to: inbound))
                    }
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = channel.localAddress?.port ?? 0
    }

    func relay(to url: URL) {
        target.address.withLock { $0 = (url.host ?? "127.0.0.1", url.port ?? 80) }
    }

    func close() async {
        try? await channel.close()
    }

    /// Writes what one side reads to the other; either side closing closes both.
    private final class Copy: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let other: any Channel

        init(to other: any Channel) { self.other = other }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            other.writeAndFlush(unwrapInboundIn(data), promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            other.close(promise: nil)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
