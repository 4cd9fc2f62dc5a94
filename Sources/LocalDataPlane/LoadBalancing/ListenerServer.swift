import NIOCore
import NIOHTTP1

/// A listener's socket: HTTP/1.1 with keep-alive and pipelining on its load balancer's
/// loopback address, each connection served by a ``ProxyServerHandler`` on its event loop.
enum ListenerServer {
    static func bind(host: String, port: Int, configuration: ListenerConfiguration,
                     registry: TargetConnectionRegistry, group: any EventLoopGroup) async throws -> any Channel {
        try await FrontEndSocket.bind(host: host, port: port, group: group) { channel in
            // Requests decoded; responses written as bytes by the handler (no encoder,
            // and it orders pipelined requests and answers malformed ones itself).
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
            try channel.pipeline.syncOperations.addHandler(ProxyServerHandler(
                configuration: configuration, connections: registry.connections(on: channel.eventLoop)))
        }
    }
}
