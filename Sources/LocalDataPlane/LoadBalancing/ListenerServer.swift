import NIOCore
import NIOHTTP1
import NIOPosix

/// A listener's socket: HTTP/1.1 with keep-alive and pipelining on its load balancer's
/// loopback address, each connection served by a ``ProxyServerHandler`` on its event loop.
enum ListenerServer {
    static func bind(host: String, port: Int, configuration: ListenerConfiguration,
                     registry: TargetConnectionRegistry, group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Requests decoded; responses written as bytes by the handler (no encoder,
                    // and it orders pipelined requests and answers malformed ones itself).
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
                    try channel.pipeline.syncOperations.addHandler(ProxyServerHandler(
                        configuration: configuration, connections: registry.connections(on: channel.eventLoop)))
                }
            }
            .bind(host: host, port: port).get()
    }
}
