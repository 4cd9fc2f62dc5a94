@testable import AWSClient
@testable import LocalDataPlane
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// The local ALB's listener relays a target's responses as the bytes it sent: a real target
/// server on loopback answers each framing HTTP/1.1 allows, a real listener forwards to it, and a
/// client on a raw socket checks every byte it gets back.
@Suite("The local ALB relays target responses byte for byte")
struct LoadBalancerRelayTests {
    /// What the target answers, by request path (raw HTTP/1.1, as a target may send it).
    static let answers: [String: String] = [
        "/length": "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Test: a\r\n\r\nhello",
        "/chunked": "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
        "/hop": "HTTP/1.1 201 Created\r\nConnection: keep-alive, X-Private\r\nKeep-Alive: timeout=5\r\nX-Private: no\r\nContent-Length: 2\r\n\r\nok",
        "/empty": "HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n",
        "/head": "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
        "/continue": "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nyes",
        "/close": "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close",
        "/garbage": "NOT HTTP AT ALL\r\n\r\n",
    ]

    /// A chunked answer the target sends one byte at a time, so its head and body arrive in pieces.
    static let trickled = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"

    @Test("content-length, chunked (extensions, trailers), 204, HEAD, 1xx dropped, a head trickled byte by byte: the same bytes reach the client, over one reused target connection")
    func framings() async throws {
        try await withRelay { listener, target in
            try await RawClient.with(port: listener) { client in
                for path in ["/length", "/chunked", "/empty", "/length"] {
                    try await client.send("GET \(path) HTTP/1.1\r\nHost: alb\r\n\r\n")
                    #expect(try await client.read(Self.answers[path]!.utf8.count) == Self.answers[path]!, "\(path)")
                }
                try await client.send("HEAD /head HTTP/1.1\r\nHost: alb\r\n\r\n")
                #expect(try await client.read(Self.answers["/head"]!.utf8.count) == Self.answers["/head"]!)
                try await client.send("GET /continue HTTP/1.1\r\nHost: alb\r\n\r\n")
                let final = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nyes"
                #expect(try await client.read(final.utf8.count) == final, "the 100 is dropped, as NIOHTTP1 did")
                try await client.send("GET /trickle HTTP/1.1\r\nHost: alb\r\n\r\n")
                #expect(try await client.read(Self.trickled.utf8.count) == Self.trickled)
                try await client.send("GET /length HTTP/1.1\r\nHost: alb\r\n\r\n")
                #expect(try await client.read(Self.answers["/length"]!.utf8.count) == Self.answers["/length"]!)
            }
            #expect(target.connections == 1, "every exchange reused the first target connection")
        }
    }

    @Test("hop-by-hop headers and those Connection names are removed; pipelined requests are answered in order")
    func hopByHopAndPipelining() async throws {
        try await withRelay { listener, _ in
            try await RawClient.with(port: listener) { client in
                let request = { (path: String) in "GET \(path) HTTP/1.1\r\nHost: alb\r\n\r\n" }
                try await client.send(request("/hop") + request("/chunked") + request("/length"))
                let hop = "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
                let expected = hop + Self.answers["/chunked"]! + Self.answers["/length"]!
                #expect(try await client.read(expected.utf8.count) == expected)
            }
        }
    }

    @Test("a body until close reaches the client with Connection: close, then both close; what is not HTTP: 502 from the target, 400 from the client")
    func closesAndErrors() async throws {
        try await withRelay { listener, _ in
            try await RawClient.with(port: listener) { client in
                try await client.send("GET /close HTTP/1.1\r\nHost: alb\r\n\r\n")
                let expected = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nuntil close"
                #expect(try await client.readToEnd() == expected)
            }
            try await RawClient.with(port: listener) { client in
                try await client.send("GET /garbage HTTP/1.1\r\nHost: alb\r\n\r\n")
                let answer = try await client.read(12)
                #expect(answer == "HTTP/1.1 502")
            }
            try await RawClient.with(port: listener) { client in
                try await client.send("NOT HTTP\r\n\r\n")
                #expect(try await client.readToEnd().hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            }
            try await RawClient.with(port: listener) { client in
                try await client.send("GET /length HTTP/1.1\r\nHost: alb\r\nConnection: close\r\n\r\n")
                #expect(try await client.readToEnd() == "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Test: a\r\nConnection: close\r\n\r\nhello")
            }
        }
    }

    // MARK: - The parts

    /// A listener forwarding everything to one target that answers ``answers``.
    func withRelay(_ body: (_ listenerPort: Int, _ target: CannedTarget) async throws -> Void) async throws {
        let target = try await CannedTarget.start()
        let group = try ElasticLoadBalancingV2.TargetGroup(XMLTree(parsing: """
            <member><TargetGroupArn>arn:aws:elasticloadbalancing:ap-northeast-1:000000000000:targetgroup/relay/1</TargetGroupArn>
            <Port>\(target.port)</Port><HealthCheckPath>/</HealthCheckPath><HealthyThresholdCount>2</HealthyThresholdCount>
            <UnhealthyThresholdCount>2</UnhealthyThresholdCount></member>
            """))
        let pool = TargetPool(group: group)
        pool.update(group: group, registered: [try TargetEndpoint(address: "127.0.0.1", port: target.port)])
        let routes = ListenerRoutes(rules: [], defaultAction: .forward(targetGroupArn: group.arn))
        let configuration = ListenerConfiguration(.init(routes: routes, pools: [pool], idleTimeout: .seconds(5),
                                                        metrics: LoadBalancerMetrics(), port: 80))
        let listener = try await ListenerServer.bind(host: "127.0.0.1", port: 0, configuration: configuration,
                                                     registry: TargetConnectionRegistry(), group: MultiThreadedEventLoopGroup.singleton)
        do {
            try await body(listener.localAddress!.port!, target)
        } catch {
            try? await listener.close()
            try? await target.channel.close()
            throw error
        }
        try await listener.close()
        configuration.retire()
        try await target.channel.close()
    }
}

/// A real HTTP target on loopback that answers each request head with ``LoadBalancerRelayTests/answers``
/// for its path, and counts the connections it accepted.
final class CannedTarget: Sendable {
    let channel: any Channel
    let port: Int
    private let accepted: Count

    var connections: Int { accepted.value.withLock { $0 } }

    private final class Count: Sendable {
        let value = Mutex(0)
    }

    private init(channel: any Channel, accepted: Count) {
        self.channel = channel
        port = channel.localAddress!.port!
        self.accepted = accepted
    }

    static func start() async throws -> CannedTarget {
        let accepted = Count()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                accepted.value.withLock { $0 += 1 }
                return channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Handler()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return CannedTarget(channel: channel, accepted: accepted)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private var received = ""

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += String(buffer: unwrapInboundIn(data))
            while let end = received.range(of: "\r\n\r\n") {
                let head = received[..<end.lowerBound]
                received = String(received[end.upperBound...])
                let path = head.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
                answer(path, context: context)
            }
        }

        private func answer(_ path: String, context: ChannelHandlerContext) {
            if path == "/trickle" {
                let loop = context.eventLoop.assumeIsolated()
                for (index, byte) in LoadBalancerRelayTests.trickled.utf8.enumerated() {
                    loop.scheduleTask(in: .milliseconds(Int64(index))) {
                        context.writeAndFlush(self.wrapOutboundOut(context.channel.allocator.buffer(bytes: [byte])), promise: nil)
                    }
                }
                return
            }
            let bytes = LoadBalancerRelayTests.answers[path] ?? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
            let written = context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: bytes)))
            if path == "/close" || path == "/garbage" {
                written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            }
        }
    }
}

/// A client on a raw TCP connection: sends bytes, reads exactly what is asked (5 s at most).
struct RawClient: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let pending: Pending

    final class Pending: @unchecked Sendable {
        var bytes: [UInt8] = []
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }
    }

    static func with(port: Int, _ body: (RawClient) async throws -> Void) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            try await body(RawClient(outbound: outbound, pending: Pending(inbound.makeAsyncIterator())))
        }
    }

    func send(_ text: String) async throws {
        try await outbound.write(ByteBuffer(string: text))
    }

    /// Exactly `count` bytes (fewer if the connection closes first).
    func read(_ count: Int) async throws -> String {
        try await withTimeout {
            while pending.bytes.count < count, let buffer = try await pending.iterator.next() {
                pending.bytes += Array(buffer.readableBytesView)
            }
            let taken = Array(pending.bytes.prefix(count))
            pending.bytes.removeFirst(taken.count)
            return String(decoding: taken, as: UTF8.self)
        }
    }

    /// Everything until the other side closes.
    func readToEnd() async throws -> String {
        try await withTimeout {
            while let buffer = try await pending.iterator.next() { pending.bytes += Array(buffer.readableBytesView) }
            defer { pending.bytes = [] }
            return String(decoding: pending.bytes, as: UTF8.self)
        }
    }

    private func withTimeout(_ operation: @escaping @Sendable () async throws -> String) async throws -> String {
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            guard let first else { throw RawClientTimeout() }
            return first
        }
    }

    struct RawClientTimeout: Error {}
}
