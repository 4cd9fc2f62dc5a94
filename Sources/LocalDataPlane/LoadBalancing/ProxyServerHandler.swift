import NIOCore
import NIOHTTP1

/// One client connection of a listener: routes each request by the listener's rules, answers
/// fixed responses and redirects itself, and forwards the rest to a target of the chosen
/// group over a pooled keep-alive connection, streaming both bodies with backpressure. The
/// target's response reaches the client as the bytes the target sent (its head rewritten only
/// when it carries a hop-by-hop header or the connection closes after it); requests are decoded
/// (routing reads them) and encoded again with X-Forwarded-*. Pipelined requests wait for the
/// answer before them. The load balancer's own errors: 400 for what is not HTTP, 503 when the
/// group has no target, 502 when the target refuses or drops the connection or answers what is
/// not HTTP, 504 when it does not answer within the idle timeout. With access logs on, each
/// request's record is filled in as it goes and handed to the buffer with its answer (460 when
/// the client leaves first, as ALB logs it).
final class ProxyServerHandler: ChannelInboundHandler, RelayExchange {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    /// One forwarded request, from its head until the target's response has ended.
    final class Exchange {
        let pool: TargetPool
        let target: TargetEndpoint
        let head: HTTPRequestHead
        let metrics: LoadBalancerMetrics
        let idleTimeout: TimeAmount
        var upstream: RelayUpstreamHandler?
        /// Request parts that arrived before the connection was ready.
        var pending: [HTTPClientRequestPart] = []
        var requestEnded = false
        var hasBody = false
        var reused = false
        var retried = false
        var responseStarted = false
        var upstreamKeepAlive = true
        var targetStatus: Int?
        var sentAt = NIODeadline.now()
        var responseTime: Double?
        /// When the target last sent or was sent something; the watchdog measures idleness from it.
        var lastActivity = NIODeadline.now()

        init(pool: TargetPool, target: TargetEndpoint, head: HTTPRequestHead, metrics: LoadBalancerMetrics, idleTimeout: TimeAmount) {
            self.pool = pool
            self.target = target
            self.head = head
            self.metrics = metrics
            self.idleTimeout = idleTimeout
        }
    }

    /// An answer of the load balancer itself, sent once the request has been read.
    struct LocalResponse {
        var status: HTTPResponseStatus
        var contentType: String
        var body: String
        var location: String?
    }

    /// Pipelined requests held while more than this many parts wait are not read further.
    static let maxQueuedParts = 64

    private let configuration: ListenerConfiguration
    private let connections: TargetConnections
    private var context: ChannelHandlerContext?
    private var clientAddress = ""
    private var clientPort = 0
    /// The current request's access-log record, while access logs are on.
    private var logEntry: AccessLogRecord?
    private var logStarted = NIODeadline.now()
    private var accessLog: AccessLogBuffer?
    private var keepAlive = true
    /// The current request's method (a HEAD is answered without a body).
    private var method = HTTPMethod.GET
    private var exchange: Exchange?
    private var local: LocalResponse?
    /// From a request's head until its answer is complete; parts of a later (pipelined)
    /// request wait in `queued` meanwhile.
    private var answering = false
    /// The current request's end has been read.
    private var requestRead = true
    private var queued = CircularBuffer<HTTPServerRequestPart>()
    /// The client connection closes once the current answer is written.
    private var closing = false
    /// One timer per client connection, not per request: it stays scheduled across keep-alive
    /// exchanges and checks the current one's idleness when it fires (scheduling and
    /// cancelling a timer per response part was a measurable share of the proxy's CPU).
    private var watchdog: Scheduled<Void>?
    /// The request head written to the target but not flushed: it leaves with the request's
    /// first body part or its end (a GET in one write), or at the end of the client's read.
    private var upstreamFlushPending = false
    /// Response parts written to the client since the last flush: flushed once per read of
    /// the target connection, or with the response's end.
    private var clientFlushPending = false
    /// The client connection's reads are paused because the target connection is full.
    private var clientReadPaused = false
    /// xorshift state for weighted forwards: cheap, per connection, no syscall per draw.
    private var random = UInt64.random(in: 1...UInt64.max)

    init(configuration: ListenerConfiguration, connections: TargetConnections) {
        self.configuration = configuration
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        clientAddress = context.channel.remoteAddress?.ipAddress ?? ""
        clientPort = context.channel.remoteAddress?.port ?? 0
        if !configuration.opened(context.channel) { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        guard !closing else { return }
        if !queued.isEmpty || (answering && requestRead) {
            queued.append(part)
            if queued.count >= Self.maxQueuedParts { setClientAutoRead(false) }
            return
        }
        handle(part, context: context)
    }

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case let .head(head):
            answering = true
            requestRead = false
            method = head.method
            route(head, context: context)
        case let .body(buffer):
            logEntry?.receivedBytes += buffer.readableBytes
            guard let exchange else { return }  // a local answer drains the body
            exchange.hasBody = true
            sendUpstream(.body(.byteBuffer(buffer)), exchange, flush: true)
        case .end:
            requestRead = true
            if let exchange {
                exchange.requestEnded = true
                sendUpstream(.end(nil), exchange, flush: true)
            } else if let answer = local {
                local = nil
                respond(answer, context: context)
            }
        }
    }

    /// The current answer is written: the next pipelined request, if one waits.
    private func answered() {
        answering = false
        guard let context else { return }
        if closing || !keepAlive {
            // After what is written: an empty write completes once those before it have.
            closing = true
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)))
                .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        while !queued.isEmpty, !(answering && requestRead), !closing {
            handle(queued.removeFirst(), context: context)
        }
        if queued.isEmpty, exchange == nil { setClientAutoRead(true) }
    }

    /// What is not HTTP gets a 400 (unless an answer is under way) and the connection closes.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError, !closing else {
            context.close(promise: nil)
            return
        }
        closing = true
        queued.removeAll()
        if answering {
            if exchange == nil { context.close(promise: nil) }  // else it closes once answered
            return
        }
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(
            staticString: "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")))
            .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if upstreamFlushPending {
            upstreamFlushPending = false
            exchange?.upstream?.flush()
        }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        configuration.closed(context.channel)
        if var entry = logEntry {
            // The client closed before its answer was complete: ALB logs a 460.
            logEntry = nil
            entry.answered = AccessLogRecord.now()
            entry.elbStatus = 460
            accessLog?.append(entry)
        }
        watchdog?.cancel()
        watchdog = nil
        if let exchange {
            self.exchange = nil
            exchange.upstream?.close()
        }
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        exchange?.upstream?.setAutoRead(context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    // MARK: - Routing

    private func route(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        keepAlive = head.isKeepAlive
        let snapshot = configuration.snapshot
        let uri = head.uri
        let queryStart = uri.firstIndex(of: "?")
        var path = String(uri[..<(queryStart ?? uri.endIndex)])
        let hostHeader = head.headers.first(name: "host") ?? ""
        var host = hostHeader.firstIndex(of: ":").map { String(hostHeader[..<$0]) } ?? hostHeader
        accessLog = snapshot.accessLog
        logEntry = accessLog == nil ? nil : startLogEntry(head, host: host, port: snapshot.port)
        let action = host.withUTF8 { hostBytes in
            path.withUTF8 {
                snapshot.routes.action(method: head.method.rawValue, host: hostBytes, path: $0, header: { head.headers[$0] })
            }
        }
        switch action {
        case let .fixedResponse(status, contentType, body):
            snapshot.metrics.record(pool: nil, targetStatus: nil, elbStatus: nil, responseTime: nil)
            logEntry?.actions = [.fixedResponse]
            local = LocalResponse(status: HTTPResponseStatus(statusCode: status), contentType: contentType, body: body)
        case let .redirect(template):
            snapshot.metrics.record(pool: nil, targetStatus: nil, elbStatus: nil, responseTime: nil)
            let request = RedirectLocation.Request(
                protocol: "http", host: host, port: snapshot.port, path: path,
                query: queryStart.map { String(uri[uri.index(after: $0)...]) } ?? "")
            local = LocalResponse(status: HTTPResponseStatus(statusCode: template.status), contentType: "text/html",
                                  body: "", location: template.location(for: request))
            logEntry?.actions = [.redirect]
            logEntry?.redirectURL = local?.location
        case .unsupported:
            snapshot.metrics.record(pool: nil, targetStatus: nil, elbStatus: 500, responseTime: nil)
            local = Self.elbError(.internalServerError)
        case let .forward(forward):
            logEntry?.actions = [.forward]
            random ^= random << 13
            random ^= random >> 7
            random ^= random << 17
            guard let index = forward.choose(random), let pool = snapshot.pools[index], let target = pool.nextTarget() else {
                let pool = forward.choose(random).flatMap { snapshot.pools[$0] }
                logEntry?.targetGroupArn = pool?.arn
                snapshot.metrics.record(pool: pool, targetStatus: nil, elbStatus: 503, responseTime: nil)
                local = Self.elbError(.serviceUnavailable)
                return
            }
            let exchange = Exchange(pool: pool, target: target, head: upstreamHead(head, port: snapshot.port),
                                    metrics: snapshot.metrics, idleTimeout: snapshot.idleTimeout)
            exchange.hasBody = head.headers.contains(name: "transfer-encoding")
                || (head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0) > 0
            self.exchange = exchange
            connect(exchange, fresh: false)
        }
    }

    /// The request as the target sees it: hop-by-hop headers gone, X-Forwarded-* added.
    private func upstreamHead(_ head: HTTPRequestHead, port: Int) -> HTTPRequestHead {
        var headers = head.headers
        Self.removeHopByHop(&headers)
        let forwardedFor = headers[canonicalForm: "x-forwarded-for"].map(String.init)
        headers.remove(name: "x-forwarded-for")
        headers.add(name: "X-Forwarded-For", value: (forwardedFor + [clientAddress]).joined(separator: ", "))
        headers.replaceOrAdd(name: "X-Forwarded-Proto", value: "http")
        headers.replaceOrAdd(name: "X-Forwarded-Port", value: String(port))
        return HTTPRequestHead(version: .http1_1, method: head.method, uri: head.uri, headers: headers)
    }

    static func removeHopByHop(_ headers: inout HTTPHeaders) {
        for named in headers[canonicalForm: "connection"] where !["close", "keep-alive"].contains(named.lowercased()) {
            headers.remove(name: String(named))
        }
        for name in ["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"] {
            headers.remove(name: name)
        }
    }

    // MARK: - The target connection

    private func connect(_ exchange: Exchange, fresh: Bool) {
        switch connections.lease(exchange.target, fresh: fresh) {
        case let .idle(upstream):
            exchange.reused = true
            attach(upstream, to: exchange, flush: false)
        case let .connecting(future):
            exchange.reused = false
            future.assumeIsolated().whenComplete { [self] result in
                guard self.exchange === exchange else {
                    if case let .success(channel) = result { channel.close(promise: nil) }
                    return
                }
                switch result {
                case let .success(channel):
                    if let upstream = try? channel.pipeline.syncOperations.handler(type: RelayUpstreamHandler.self) {
                        attach(upstream, to: exchange, flush: true)
                    } else {
                        channel.close(promise: nil)
                        fail(exchange, status: .badGateway)
                    }
                case .failure:
                    fail(exchange, status: .badGateway)
                }
            }
        }
    }

    /// `flush`: false while the client connection is being read (its read-complete flushes).
    private func attach(_ upstream: RelayUpstreamHandler, to exchange: Exchange, flush: Bool) {
        upstream.exchange = self
        exchange.upstream = upstream
        exchange.sentAt = .now()
        exchange.lastActivity = exchange.sentAt
        upstream.send(.head(exchange.head), flush: false)
        for part in exchange.pending { upstream.send(part, flush: false) }
        exchange.pending = []
        if flush { upstream.flush() } else { upstreamFlushPending = true }
        if let context { upstream.setAutoRead(context.channel.isWritable) }
        watch(exchange)
    }

    private func sendUpstream(_ part: HTTPClientRequestPart, _ exchange: Exchange, flush: Bool) {
        if let upstream = exchange.upstream {
            upstream.send(part, flush: flush)
            upstreamFlushPending = !flush
        } else {
            exchange.pending.append(part)
        }
    }

    /// The target must answer (and keep answering) within the idle timeout, or it is a 504.
    /// Starts the connection's watchdog if it is not already running.
    private func watch(_ exchange: Exchange, in delay: TimeAmount? = nil) {
        guard watchdog == nil, let context else { return }
        watchdog = context.eventLoop.assumeIsolated().scheduleTask(in: delay ?? exchange.idleTimeout) { [self] in
            watchdog = nil
            watchdogFired()
        }
    }

    /// No exchange: the watchdog stops until the next one starts it. An exchange that saw
    /// activity since: checked again when its idle timeout would end.
    private func watchdogFired() {
        guard let exchange, exchange.upstream != nil else { return }
        let idle = NIODeadline.now() - exchange.lastActivity
        guard idle >= exchange.idleTimeout else {
            watch(exchange, in: exchange.idleTimeout - idle)
            return
        }
        exchange.upstream?.close()
        if exchange.responseStarted {
            finish(exchange, upstreamReusable: false)
            closing = true
            context?.flush()
            context?.close(promise: nil)
        } else {
            fail(exchange, status: .gatewayTimeout)
        }
    }

    func relayHead(_ head: ResponseHead, bytes: ByteBuffer) {
        guard let exchange, let context else { return }
        exchange.lastActivity = .now()
        exchange.responseStarted = true
        exchange.targetStatus = head.status
        exchange.responseTime = Double(exchange.lastActivity.uptimeNanoseconds - exchange.sentAt.uptimeNanoseconds) / 1e9
        exchange.upstreamKeepAlive = head.keepAlive
        logEntry?.sentBytes += bytes.readableBytes
        if head.body == .untilClose { keepAlive = false }
        if head.hasHopByHop || !keepAlive {
            // Rare: the head is rewritten, then the body bytes of this read follow it.
            context.write(wrapOutboundOut(ResponseHead.rewritten(bytes, length: head.length, closing: !keepAlive,
                                                                 allocator: context.channel.allocator)), promise: nil)
            if bytes.readableBytes > head.length {
                context.write(wrapOutboundOut(bytes.getSlice(at: bytes.readerIndex + head.length,
                                                             length: bytes.readableBytes - head.length)!), promise: nil)
            }
        } else {
            context.write(wrapOutboundOut(bytes), promise: nil)
        }
        clientFlushPending = true
    }

    func relayBody(_ bytes: ByteBuffer) {
        guard let exchange, let context else { return }
        exchange.lastActivity = .now()
        logEntry?.sentBytes += bytes.readableBytes
        context.write(wrapOutboundOut(bytes), promise: nil)
        clientFlushPending = true
    }

    func relayEnd() {
        guard let exchange, let context else { return }
        clientFlushPending = false
        context.flush()
        finish(exchange, upstreamReusable: exchange.upstreamKeepAlive && exchange.requestEnded)
        answered()
    }

    func relayReadComplete() {
        guard clientFlushPending else { return }
        clientFlushPending = false
        context?.flush()
    }

    /// The target connection closed or failed. Before any answer: a reused connection the
    /// target had just closed gets one retry on a new one (bodiless requests only), else 502.
    func relayClosed(_ upstream: RelayUpstreamHandler) {
        guard let exchange, exchange.upstream === upstream else { return }
        exchange.upstream = nil
        if exchange.responseStarted {
            finish(exchange, upstreamReusable: false)
            closing = true
            context?.flush()
            context?.close(promise: nil)
        } else if exchange.reused && !exchange.retried && !exchange.hasBody && exchange.requestEnded {
            exchange.retried = true
            exchange.pending = [.end(nil)]
            connect(exchange, fresh: true)
        } else {
            fail(exchange, status: .badGateway)
        }
    }

    func relayWritabilityChanged(_ writable: Bool) {
        setClientAutoRead(writable)
    }

    /// Only on a change: setting the option costs a future per call.
    private func setClientAutoRead(_ on: Bool) {
        guard clientReadPaused == on, let context else { return }
        clientReadPaused = !on
        context.channel.setOption(ChannelOptions.autoRead, value: on).whenFailure { _ in }
    }

    /// Counts the exchange and returns its connection to the pool (or closes it).
    private func finish(_ exchange: Exchange, upstreamReusable: Bool) {
        self.exchange = nil
        exchange.metrics.record(pool: exchange.pool, targetStatus: exchange.targetStatus, elbStatus: nil,
                                responseTime: exchange.responseTime)
        if var entry = logEntry {
            logEntry = nil
            note(exchange, in: &entry)
            entry.answered = AccessLogRecord.now()
            entry.targetProcessingTime = exchange.responseTime
            entry.responseProcessingTime = exchange.responseTime == nil ? nil : 0
            entry.targetStatus = exchange.targetStatus
            entry.elbStatus = exchange.targetStatus ?? 502
            accessLog?.append(entry)
        }
        if let upstream = exchange.upstream {
            if upstreamReusable { connections.release(upstream, target: exchange.target) } else { upstream.close() }
        }
        setClientAutoRead(true)
    }

    /// The load balancer answers for a target that could not: counted as an ELB 5xx. If the
    /// request is still arriving, the answer waits for its end.
    private func fail(_ exchange: Exchange, status: HTTPResponseStatus) {
        self.exchange = nil
        exchange.upstream?.close()
        exchange.metrics.record(pool: exchange.pool, targetStatus: nil, elbStatus: Int(status.code), responseTime: nil)
        if logEntry != nil { note(exchange, in: &logEntry!) }
        guard let context else { return }
        if exchange.requestEnded {
            respond(Self.elbError(status), context: context)
        } else {
            local = Self.elbError(status)
        }
        setClientAutoRead(true)
    }

    // MARK: - The load balancer's own answers

    static func elbError(_ status: HTTPResponseStatus) -> LocalResponse {
        LocalResponse(status: status, contentType: "text/html",
                      body: "<html>\r\n<head><title>\(status.code) \(status.reasonPhrase)</title></head>\r\n<body>\r\n<center><h1>\(status.code) \(status.reasonPhrase)</h1></center>\r\n</body>\r\n</html>\r\n")
    }

    private func respond(_ answer: LocalResponse, context: ChannelHandlerContext) {
        var head = "HTTP/1.1 \(answer.status.code) \(answer.status.reasonPhrase)\r\nServer: awselb/2.0\r\n"
        head += "Content-Type: \(answer.contentType)\r\nContent-Length: \(answer.body.utf8.count)\r\n"
        if let location = answer.location { head += "Location: \(location)\r\n" }
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        var buffer = context.channel.allocator.buffer(capacity: head.utf8.count + answer.body.utf8.count)
        buffer.writeString(head)
        if method != .HEAD { buffer.writeString(answer.body) }
        if var entry = logEntry {
            logEntry = nil
            entry.answered = AccessLogRecord.now()
            entry.elbStatus = Int(answer.status.code)
            entry.sentBytes += buffer.readableBytes
            accessLog?.append(entry)
        }
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        answered()
    }

    // MARK: - Access log

    /// The record of a request just routed: what the head says (request line as ALB writes it:
    /// method, `http://host:port/uri`, version; the head's bytes as received).
    private func startLogEntry(_ head: HTTPRequestHead, host: String, port: Int) -> AccessLogRecord {
        logStarted = .now()
        var headBytes = head.method.rawValue.utf8.count + head.uri.utf8.count + 12
        for header in head.headers { headBytes += header.name.utf8.count + header.value.utf8.count + 4 }
        let version = "HTTP/\(head.version.major).\(head.version.minor)"
        return AccessLogRecord(
            received: AccessLogRecord.now(), answered: 0, clientAddress: clientAddress, clientPort: clientPort, elbStatus: 0,
            receivedBytes: headBytes + 2, sentBytes: 0,
            requestLine: "\(head.method.rawValue) http://\(host.isEmpty ? "-" : host):\(port)\(head.uri) \(version)",
            userAgent: head.headers.first(name: "user-agent"), actions: [])
    }

    /// The target the request went to, and how long the load balancer took to send it there.
    private func note(_ exchange: Exchange, in entry: inout AccessLogRecord) {
        entry.target = exchange.target
        entry.targetGroupArn = exchange.pool.arn
        if exchange.upstream != nil || exchange.responseStarted || exchange.responseTime != nil {
            let sent = exchange.sentAt.uptimeNanoseconds, started = logStarted.uptimeNanoseconds
            entry.requestProcessingTime = Double(sent >= started ? sent - started : 0) / 1e9
        }
    }
}
