import NIOCore
import NIOPosix

/// The listening socket of a local front end (an ALB listener, a distribution): keep-alive
/// HTTP/1.1 clients on a loopback address, many at once, small writes sent at once.
/// `pipeline` adds the front end's handlers to each accepted connection, on its event loop.
enum FrontEndSocket {
    static func bind(host: String, port: Int, group: any EventLoopGroup,
                     pipeline: @escaping @Sendable (any Channel) throws -> Void) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try pipeline(channel) }
            }
            .bind(host: host, port: port).get()
    }
}
