import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP origin on 127.0.0.1 for the CloudFront data plane tests; what it answers
/// depends on the path, and every answer carries its name and a running count, so a test
/// sees which origin answered and whether the edge asked it at all:
/// - `…/<name>-status/<code>…`: that status from the origin of that name (others answer 200);
/// - `…/cc/<directives>`: `Cache-Control: <directives>`;
/// - `…/big…`: 5 000 bytes of JSON (compressible);
/// - `…/echo…`: the request line and headers it received, one per line.
final class TinyOrigin: Sendable {
    let name: String
    let port: Int
    private let channel: any Channel
    private let counter: Counter

    /// The JSON `…/big` answers: about 4 KB, well above CloudFront's 1 000-byte threshold.
    static let bigBody: String = "[" + (0..<300).map { #"{"seat":\#($0)}"# }.joined(separator: ",") + "]"

    private init(name: String, channel: any Channel, counter: Counter) {
        self.name = name
        self.channel = channel
        self.counter = counter
        port = channel.localAddress?.port ?? 0
    }

    /// How many requests it has answered.
    var requests: Int { counter.value.withLock { $0 } }

    static func start(name: String) async throws -> TinyOrigin {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(name: name, counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TinyOrigin(name: name, channel: channel, counter: counter)
    }

    func stop() async {
        try? await channel.close()
    }

    final class Counter: Sendable {
        let value = Mutex(0)
        func increment() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let name: String
        let counter: Counter
        var head: HTTPRequestHead?

        init(name: String, counter: Counter) {
            self.name = name
            self.counter = counter
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case let .head(head): self.head = head
            case .body: break
            case .end:
                guard let head else { return }
                respond(to: head, context: context)
            }
        }

        func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
            let count = counter.increment()
            let path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "")
            var status = HTTPResponseStatus.ok
            var headers = HTTPHeaders()
            var body = "origin=\(name) n=\(count)"
            headers.add(name: "Content-Type", value: "text/plain")
            if let range = path.range(of: "/\(name)-status/") {
                status = HTTPResponseStatus(statusCode: Int(path[range.upperBound...].prefix(3)) ?? 500)
            }
            if let range = path.range(of: "/cc/") {
                headers.add(name: "Cache-Control", value: String(path[range.upperBound...]))
            }
            if path.contains("/big") {
                headers.replaceOrAdd(name: "Content-Type", value: "application/json")
                body = TinyOrigin.bigBody
            }
            if path.contains("/echo") {
                body = "\(head.method.rawValue) \(head.uri)\n" + head.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            }
            headers.add(name: "Content-Length", value: String(body.utf8.count))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
