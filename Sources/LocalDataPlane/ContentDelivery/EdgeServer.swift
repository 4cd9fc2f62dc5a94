import NIOCore
import NIOHTTP1

/// A distribution's socket: HTTP/1.1 with keep-alive and pipelining on its loopback
/// address, each connection served by an ``EdgeServerHandler`` on its event loop.
enum EdgeServer {
    static func bind(host: String, port: Int, configuration: DistributionConfiguration,
                     registry: UpstreamConnectionRegistry, group: any EventLoopGroup) async throws -> any Channel {
        try await FrontEndSocket.bind(host: host, port: port, group: group) { channel in
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(EdgeServerHandler(
                configuration: configuration, connections: registry.connections(on: channel.eventLoop)))
        }
    }
}
