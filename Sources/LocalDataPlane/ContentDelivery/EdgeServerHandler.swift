import NIOCore
import NIOHTTP1

/// One viewer connection of a distribution: reads each whole request, picks the cache
/// behaviour by path, answers from the cache when it can (`X-Cache: Hit from cloudfront`,
/// `Age`), else asks the behaviour's origin, or its origin group's members in turn on a
/// failover status or a failed connection, compresses, caches and answers (`Miss`).
/// Requests on one connection are answered in order, one at a time.
final class EdgeServerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Request bodies above this are refused (413), as CloudFront refuses bodies over its limit.
    static let maxRequestBodyBytes = 1024 * 1024
    /// CloudFront fails over only requests that cannot change anything.
    static let failoverMethods: Set<String> = ["GET", "HEAD", "OPTIONS"]

    private let configuration: DistributionConfiguration
    private let connections: UpstreamConnections
    private var context: ChannelHandlerContext?
    private var clientAddress = ""
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var tooLarge = false
    /// xorshift state for request ids: cheap, per connection.
    private var random = UInt64.random(in: 1...UInt64.max)

    init(configuration: DistributionConfiguration, connections: UpstreamConnections) {
        self.configuration = configuration
        self.connections = connections
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        clientAddress = context.channel.remoteAddress?.ipAddress ?? ""
        if !configuration.connections.opened(context.channel) { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        configuration.connections.closed(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            self.head = head
            body = nil
            tooLarge = false
        case var .body(buffer):
            guard !tooLarge else { return }
            if (body?.readableBytes ?? 0) + buffer.readableBytes > Self.maxRequestBodyBytes {
                tooLarge = true
                body = nil
            } else if body == nil {
                body = buffer
            } else {
                body!.writeBuffer(&buffer)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            if tooLarge {
                respondError(.payloadTooLarge, keepAlive: false)
            } else {
                serve(head, body: body)
            }
            body = nil
        }
    }

    // MARK: - Serving

    private func serve(_ head: HTTPRequestHead, body: ByteBuffer?) {
        let snapshot = configuration.snapshot
        let viewer = ViewerRequest(head)
        let behavior = snapshot.routes.behavior(for: viewer.path)
        let method = head.method.rawValue
        guard behavior.allowedMethods.contains(method) else {
            respondError(.forbidden, keepAlive: head.isKeepAlive)
            return
        }
        let cacheable = behavior.cachePolicy.caches && behavior.cachedMethods.contains(method)
        let encoding = ContentCompression.negotiate(acceptEncoding: head.headers["accept-encoding"],
                                                    compress: behavior.compress, policy: behavior.cachePolicy)
        let key = cacheable ? viewer.cacheKey(behavior.cachePolicy, encoding: encoding) : nil
        if let key, let entry = configuration.cache.lookup(key) {
            respondCached(entry, keepAlive: head.isKeepAlive, isHead: head.method == .HEAD)
            return
        }
        let requestId = nextRequestId()
        fetch(viewer, body: body, behavior: behavior, member: 0, domain: snapshot.domainName, requestId: requestId) { [self] result in
            switch result {
            case let .success(response):
                deliver(response, behavior: behavior, encoding: encoding, key: key, requestId: requestId, viewer: head)
            case .failure(.timeout):
                respondError(.gatewayTimeout, keepAlive: head.isKeepAlive)
            case .failure:
                respondError(.badGateway, keepAlive: head.isKeepAlive)
            }
        }
    }

    /// Asks the target's `member`-th origin; on a failover status or failure, the next
    /// member (origin groups; GET, HEAD and OPTIONS only), else the last answer stands.
    private func fetch(_ viewer: ViewerRequest, body: ByteBuffer?, behavior: DistributionRoutes.Behavior, member: Int,
                       domain: String, requestId: String,
                       completion: @escaping (Result<OriginFetch.Response, OriginFetch.Failure>) -> Void) {
        let origins = behavior.target.origins
        guard member < origins.count else {
            completion(.failure(.connection))
            return
        }
        let origin = origins[member]
        let canFailOver = member + 1 < origins.count && Self.failoverMethods.contains(viewer.head.method.rawValue)
        let next: (Result<OriginFetch.Response, OriginFetch.Failure>) -> Void = { [self] result in
            switch result {
            case let .success(response) where canFailOver && behavior.target.failoverStatuses.contains(response.head.status.code):
                fetch(viewer, body: body, behavior: behavior, member: member + 1, domain: domain, requestId: requestId,
                      completion: completion)
            case .failure where canFailOver:
                fetch(viewer, body: body, behavior: behavior, member: member + 1, domain: domain, requestId: requestId,
                      completion: completion)
            default:
                completion(result)
            }
        }
        guard let endpoint = origin.endpoint else {
            next(.failure(.connection))
            return
        }
        let head = OriginRequest.head(for: viewer, behavior: behavior, origin: origin, bodyLength: body?.readableBytes ?? 0,
                                      clientAddress: clientAddress, distributionDomain: domain, requestId: requestId)
        OriginFetch(connections: connections, endpoint: endpoint, head: head, body: body,
                    connectTimeout: origin.connectTimeout, readTimeout: origin.readTimeout, completion: next).start()
    }

    /// The origin's answer: compressed if the edge would, cached if its lifetime allows, sent.
    private func deliver(_ response: OriginFetch.Response, behavior: DistributionRoutes.Behavior,
                         encoding: ContentCompression.Encoding, key: String?, requestId: String, viewer: HTTPRequestHead) {
        var headers = response.head.headers
        ProxyServerHandler.removeHopByHop(&headers)
        headers.remove(name: "transfer-encoding")
        var body = response.body
        if let encoded = ContentCompression.encode(body, headers: headers, as: encoding) {
            body = encoded
            headers.replaceOrAdd(name: "Content-Encoding", value: encoding.rawValue)
            headers.add(name: "Vary", value: "Accept-Encoding")
        }
        if viewer.method != .HEAD { headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes)) }
        headers.add(name: "Via", value: "1.1 \(configuration.snapshot.domainName) (CloudFront)")
        headers.add(name: "X-Amz-Cf-Pop", value: "LOCAL-P1")
        if let key, let ttl = CacheLifetime.seconds(status: response.head.status.code, headers: headers, policy: behavior.cachePolicy) {
            let now = NIODeadline.now()
            configuration.cache.store(key, EdgeCache.Entry(status: response.head.status, headers: headers, body: body,
                                                           storedAt: now, expiresAt: now + .seconds(ttl)))
        }
        headers.add(name: "X-Cache", value: "Miss from cloudfront")
        headers.add(name: "X-Amz-Cf-Id", value: requestId)
        send(HTTPResponseHead(version: .http1_1, status: response.head.status, headers: headers), body: body,
             keepAlive: viewer.isKeepAlive, isHead: viewer.method == .HEAD)
    }

    private func respondCached(_ entry: EdgeCache.Entry, keepAlive: Bool, isHead: Bool) {
        var headers = entry.headers
        let age = (NIODeadline.now() - entry.storedAt).nanoseconds / 1_000_000_000
        headers.replaceOrAdd(name: "Age", value: String(age))
        headers.add(name: "X-Cache", value: "Hit from cloudfront")
        headers.add(name: "X-Amz-Cf-Id", value: nextRequestId())
        send(HTTPResponseHead(version: .http1_1, status: entry.status, headers: headers), body: entry.body,
             keepAlive: keepAlive, isHead: isHead)
    }

    /// The edge's own error page, as CloudFront's (never cached here).
    private func respondError(_ status: HTTPResponseStatus, keepAlive: Bool) {
        let text = "<HTML><HEAD><TITLE>ERROR: The request could not be satisfied</TITLE></HEAD><BODY>\n<H1>\(status.code) ERROR</H1>\n<H2>The request could not be satisfied.</H2>\n</BODY></HTML>\n"
        var headers = HTTPHeaders()
        headers.add(name: "Server", value: "CloudFront")
        headers.add(name: "Content-Type", value: "text/html")
        headers.add(name: "Content-Length", value: String(text.utf8.count))
        headers.add(name: "X-Cache", value: "Error from cloudfront")
        headers.add(name: "X-Amz-Cf-Id", value: nextRequestId())
        send(HTTPResponseHead(version: .http1_1, status: status, headers: headers),
             body: ByteBuffer(string: text), keepAlive: keepAlive, isHead: false)
    }

    private func send(_ head: HTTPResponseHead, body: ByteBuffer, keepAlive: Bool, isHead: Bool) {
        guard let context else { return }
        var head = head
        if !keepAlive { head.headers.replaceOrAdd(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !isHead && body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive { written.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
    }

    /// CloudFront's request id shape: 56 URL-safe base64 characters.
    private func nextRequestId() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var bytes = [UInt8](repeating: 0, count: 56)
        for index in bytes.indices {
            if index % 10 == 0 {
                random ^= random << 13
                random ^= random >> 7
                random ^= random << 17
            }
            bytes[index] = alphabet[Int((random >> UInt64(6 * (index % 10))) & 63)]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
