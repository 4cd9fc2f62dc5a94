import NIOCore
import NIOHTTP1

/// One request to one origin over a pooled keep-alive connection, the whole response
/// collected (the edge caches and compresses whole objects). Ends exactly once, on the
/// connection's event loop: with the response, or with why there is none.
final class OriginFetch: UpstreamExchange {
    enum Failure: Error {
        /// Refused, reset or closed before a complete answer (CloudFront: 502).
        case connection
        /// No answer within the origin's read timeout (CloudFront: 504).
        case timeout
        /// Larger than the edge holds in memory (answered 502).
        case tooLarge
    }

    struct Response {
        var head: HTTPResponseHead
        var body: ByteBuffer
    }

    /// Responses above this are not collected; the summary and API answers are a few KiB.
    static let maxResponseBytes = 16 * 1024 * 1024

    private let connections: UpstreamConnections
    private let endpoint: TargetEndpoint
    private let head: HTTPRequestHead
    private let body: ByteBuffer?
    private let connectTimeout: TimeAmount
    private let readTimeout: TimeAmount
    private let completion: (Result<Response, Failure>) -> Void
    private var upstream: UpstreamHandler?
    private var response: Response?
    private var reused = false
    private var retried = false
    private var done = false
    private var timeout: Scheduled<Void>?

    init(connections: UpstreamConnections, endpoint: TargetEndpoint, head: HTTPRequestHead, body: ByteBuffer?,
         connectTimeout: TimeAmount, readTimeout: TimeAmount, completion: @escaping (Result<Response, Failure>) -> Void) {
        self.connections = connections
        self.endpoint = endpoint
        self.head = head
        self.body = body
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.completion = completion
    }

    func start(fresh: Bool = false) {
        switch connections.lease(endpoint, fresh: fresh, connectTimeout: connectTimeout) {
        case let .idle(handler):
            reused = true
            send(on: handler)
        case let .connecting(future):
            reused = false
            future.assumeIsolated().whenComplete { [self] result in
                switch result {
                case let .success(channel):
                    guard !done, let handler = try? channel.pipeline.syncOperations.handler(type: UpstreamHandler.self) else {
                        channel.close(promise: nil)
                        end(.failure(.connection))
                        return
                    }
                    send(on: handler)
                case .failure:
                    end(.failure(.connection))
                }
            }
        }
    }

    private func send(on handler: UpstreamHandler) {
        upstream = handler
        handler.exchange = self
        handler.send(.head(head), flush: false)
        if let body, body.readableBytes > 0 { handler.send(.body(.byteBuffer(body)), flush: false) }
        handler.send(.end(nil), flush: true)
        handler.setAutoRead(true)
        armTimeout()
    }

    /// The origin must keep answering within its read timeout.
    private func armTimeout() {
        timeout?.cancel()
        timeout = connections.eventLoop.assumeIsolated().scheduleTask(in: readTimeout) { [self] in
            upstream?.close()
            end(.failure(.timeout))
        }
    }

    func upstreamRead(_ part: HTTPClientResponsePart, from upstream: UpstreamHandler) {
        guard !done, upstream === self.upstream else { return }
        armTimeout()
        switch part {
        case let .head(head):
            let length = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            response = Response(head: head, body: ByteBufferAllocator().buffer(capacity: min(length, Self.maxResponseBytes)))
        case var .body(buffer):
            guard response != nil, response!.body.readableBytes + buffer.readableBytes <= Self.maxResponseBytes else {
                upstream.close()
                end(.failure(.tooLarge))
                return
            }
            response!.body.writeBuffer(&buffer)
        case .end:
            guard let response else { return }
            self.upstream = nil
            if response.head.isKeepAlive {
                connections.release(upstream, target: endpoint)
            } else {
                upstream.close()
            }
            end(.success(response))
        }
    }

    /// A reused connection the origin had just closed gets one retry on a new one.
    func upstreamClosed(_ upstream: UpstreamHandler) {
        guard !done, upstream === self.upstream else { return }
        self.upstream = nil
        if response == nil && reused && !retried {
            retried = true
            timeout?.cancel()
            start(fresh: true)
        } else {
            end(.failure(.connection))
        }
    }

    func upstreamWritabilityChanged(_ writable: Bool) {}

    private func end(_ result: Result<Response, Failure>) {
        guard !done else { return }
        done = true
        timeout?.cancel()
        if case .failure = result { upstream?.close() }
        upstream = nil
        completion(result)
    }
}
