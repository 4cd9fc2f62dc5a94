import NIOCore
import NIOHTTP1
import NIOPosix

/// Sends request i at `start + i / rate` on a free keep-alive connection, or queues it until
/// one frees up; lives on one event loop, so its state needs no lock. A timer every
/// millisecond issues whatever has fallen due since the last tick.
final class OpenLoopGenerator {
    static let tick: TimeAmount = .milliseconds(1)
    /// How long the last requests may take once the window ends before they count as unanswered.
    static let drain: TimeAmount = .seconds(5)

    private let options: RateOptions
    private let eventLoop: any EventLoop
    private let promise: EventLoopPromise<RateResult>
    private var channels: [any Channel] = []
    /// The due time of the request each connection is waiting on, by connection index.
    private var waiting: [NIODeadline?] = []
    private var idle: [Int] = []
    private var backlog = CircularBuffer<NIODeadline>()
    private var start = NIODeadline.now()
    private var windowStart = NIODeadline.now()
    private var end = NIODeadline.now()
    private var issued = 0
    private var total = 0
    private var result: RateResult
    private let head: HTTPRequestHead
    private let body: ByteBuffer?

    init(options: RateOptions, eventLoop: any EventLoop) {
        self.options = options
        self.eventLoop = eventLoop
        promise = eventLoop.makePromise()
        result = RateResult(rate: options.rate, seconds: options.seconds)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: options.port == 80 ? options.host : "\(options.host):\(options.port)")
        headers.add(name: "User-Agent", value: "rate-bench")
        for header in options.headers { headers.add(name: header.name, value: header.value) }
        body = options.body.map { ByteBuffer(string: $0) }
        if let body { headers.add(name: "Content-Length", value: String(body.readableBytes)) }
        head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: options.method), uri: options.path, headers: headers)
    }

    /// Opens every connection first, then runs warm-up and window; fails if none connects.
    func run() -> EventLoopFuture<RateResult> {
        let connected = (0..<options.connections).map { index in
            ClientBootstrap(group: eventLoop)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHTTPClientHandlers() }
                }
                .connect(host: options.host, port: options.port)
        }
        EventLoopFuture.whenAllComplete(connected, on: eventLoop).assumeIsolated().whenSuccess { [self] results in
            for case let .success(channel) in results {
                let index = channels.count
                do {
                    try channel.pipeline.syncOperations.addHandler(RateResponseHandler(generator: self, index: index))
                } catch {
                    channel.close(promise: nil)
                    continue
                }
                channels.append(channel)
                waiting.append(nil)
                idle.append(index)
            }
            guard !channels.isEmpty else {
                promise.fail(RateBenchError("no connection to \(options.host):\(options.port)"))
                return
            }
            start = .now()
            windowStart = start + .nanoseconds(Int64(options.warmup * 1e9))
            end = windowStart + .nanoseconds(Int64(options.seconds * 1e9))
            total = Int(((options.warmup + options.seconds) * options.rate).rounded(.down))
            tick()
        }
        return promise.futureResult
    }

    private func due(_ index: Int) -> NIODeadline {
        start + .nanoseconds(Int64((Double(index) / options.rate * 1e9).rounded()))
    }

    private func tick() {
        let now = NIODeadline.now()
        while issued < total, due(issued) <= now {
            let deadline = due(issued)
            issued += 1
            if deadline >= windowStart { result.due += 1 }
            if let index = idle.popLast() {
                send(on: index, due: deadline)
            } else {
                backlog.append(deadline)
                result.largestBacklog = max(result.largestBacklog, backlog.count)
            }
        }
        if issued == total, backlog.isEmpty, !waiting.contains(where: { $0 != nil }) {
            finish()
        } else if issued == total, now > end + Self.drain {
            result.unanswered += backlog.filter { $0 >= windowStart }.count + waiting.compactMap { $0 }.filter { $0 >= windowStart }.count
            finish()
        } else {
            eventLoop.assumeIsolated().scheduleTask(in: Self.tick) { [self] in tick() }
        }
    }

    private func send(on index: Int, due deadline: NIODeadline) {
        waiting[index] = deadline
        let channel = channels[index]
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }

    /// A complete answer on connection `index`; its latency counts if it was due in the window.
    func answered(on index: Int, status: Int, keepAlive: Bool) {
        guard let deadline = waiting[index] else { return }
        waiting[index] = nil
        if deadline >= windowStart {
            result.completed += 1
            result.latencies.record(milliseconds: Double((NIODeadline.now() - deadline).nanoseconds) / 1e6)
            let expected = options.expectedStatus.map { status == $0 } ?? (200..<300).contains(status)
            if !expected { result.errors += 1 }
        }
        if !keepAlive {
            lost(index)
        } else if let next = backlog.popFirst() {
            send(on: index, due: next)
        } else {
            idle.append(index)
        }
    }

    /// Connection `index` closed: its request, if any, is an error; the connection is not reused.
    func lost(_ index: Int) {
        if let deadline = waiting[index], deadline >= windowStart { result.errors += 1 }
        waiting[index] = nil
        idle.removeAll { $0 == index }
        channels[index].close(promise: nil)
    }

    private func finish() {
        for channel in channels { channel.close(promise: nil) }
        promise.succeed(result)
    }
}

/// The end of a connection's pipeline: tells the generator when an answer is complete.
final class RateResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let generator: OpenLoopGenerator
    private let index: Int
    private var status = 0
    private var keepAlive = true

    init(generator: OpenLoopGenerator, index: Int) {
        self.generator = generator
        self.index = index
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            generator.answered(on: index, status: status, keepAlive: keepAlive)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        generator.lost(index)
        context.fireChannelInactive()
    }
}
