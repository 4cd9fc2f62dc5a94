import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP server on 127.0.0.1 that answers from a script. It stands in for endpoints
/// that cannot exist on a test machine (ECS agent, IMDS) and produces exact failure
/// sequences (throttling, 5xx, resets, skewed clocks) for the retry tests.
final class ScriptedHTTPServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
        var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    enum Reply: Sendable {
        case respond(status: Int, headers: [(name: String, value: String)], body: String)
        /// Close the connection without answering.
        case reset

        static func json(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> Reply {
            .respond(status: status, headers: [("Content-Type", "application/x-amz-json-1.0")] + headers, body: body)
        }
        static func xml(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> Reply {
            .respond(status: status, headers: [("Content-Type", "text/xml")] + headers, body: body)
        }
        static func text(_ status: Int, _ body: String) -> Reply {
            .respond(status: status, headers: [("Content-Type", "text/plain")], body: body)
        }
    }

    typealias Handler = @Sendable (Request) -> Reply

    private let channel: any Channel
    private let state: LockedState
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    var requests: [Request] { state.withLock { $0.requests } }

    private init(channel: any Channel, state: LockedState) {
        self.channel = channel
        self.state = state
        self.port = channel.localAddress?.port ?? 0
    }

    /// Starts a server whose answers come from `handler`.
    static func start(_ handler: @escaping Handler) async throws -> ScriptedHTTPServer {
        let state = LockedState(handler: handler)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedHTTPServer(channel: channel, state: state)
    }

    /// Starts a server that plays `replies` in order, then repeats `then` for every later request.
    static func start(replies: [Reply], then last: Reply) async throws -> ScriptedHTTPServer {
        let script = Script(replies: replies, last: last)
        return try await start { _ in script.next() }
    }

    func stop() async {
        try? await channel.close()
    }

    /// The mutable state shared with the event loop, behind a lock.
    final class LockedState: @unchecked Sendable {
        struct Value {
            var requests: [Request] = []
        }
        private let lock = NSLock()
        private var value = Value()
        let handler: Handler

        init(handler: @escaping Handler) { self.handler = handler }

        func withLock<T>(_ body: (inout Value) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&value)
        }
    }

    /// Replies in order, then the last one forever.
    final class Script: @unchecked Sendable {
        private let lock = NSLock()
        private var replies: [Reply]
        private let last: Reply

        init(replies: [Reply], last: Reply) {
            self.replies = replies
            self.last = last
        }

        func next() -> Reply {
            lock.lock()
            defer { lock.unlock() }
            return replies.isEmpty ? last : replies.removeFirst()
        }
    }
}

/// Collects one request (head + body) and writes the scripted answer.
private final class ScriptedHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: ScriptedHTTPServer.LockedState
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(state: ScriptedHTTPServer.LockedState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let request = ScriptedHTTPServer.Request(
                method: head.method.rawValue, uri: head.uri,
                headers: head.headers.map { (name: $0.name, value: $0.value) }, body: body)
            state.withLock { $0.requests.append(request) }
            respond(context: context, reply: state.handler(request), keepAlive: head.isKeepAlive)
            self.head = nil
        }
    }

    private func respond(context: ChannelHandlerContext, reply: ScriptedHTTPServer.Reply, keepAlive: Bool) {
        switch reply {
        case .reset:
            context.close(promise: nil)
        case .respond(let status, let headers, let text):
            var responseHeaders = HTTPHeaders(headers.map { ($0.name, $0.value) })
            let bytes = Array(text.utf8)
            responseHeaders.replaceOrAdd(name: "Content-Length", value: "\(bytes.count)")
            if !keepAlive { responseHeaders.replaceOrAdd(name: "Connection", value: "close") }
            let responseHead = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status),
                                                headers: responseHeaders)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive {
                let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
                done.whenComplete { _ in loopBoundContext.value.close(promise: nil) }
            }
        }
    }
}
