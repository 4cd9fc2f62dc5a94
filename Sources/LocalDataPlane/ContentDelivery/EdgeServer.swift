import NIOCore
import NIOHTTP1
import NIOPosix

/// A distribution's socket: HTTP/1.1 with keep-alive and pipelining on its loopback
/// address, each connection served by an ``EdgeServerHandler`` on its event loop.
enum EdgeServer {
    static func bind(host: String, port: Int, configuration: DistributionConfiguration,
                     registry: UpstreamConnectionRegistry, group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(EdgeServerHandler(
                        configuration: configuration, connections: registry.connections(on: channel.eventLoop)))
                }
            }
            .bind(host: host, port: port).get()
    }
}
