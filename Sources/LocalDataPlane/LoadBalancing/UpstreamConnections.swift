import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// The last handler of a pooled keep-alive connection to a target: what ``ConnectionPool``
/// needs to hand it out, take it back and tell whether it is still open.
protocol PooledUpstream: ChannelHandler {
    init()
    /// Adds the codec handlers that come before this one on a new connection's pipeline.
    static func addCodecHandlers(to pipeline: ChannelPipeline.SynchronousOperations) throws
    var isUsable: Bool { get }
    /// Idle again: forgets the exchange it served.
    func detach()
    func setAutoRead(_ on: Bool)
    func close()
}

/// CloudFront's origin connections: responses decoded into NIOHTTP1 parts (the edge caches them).
typealias UpstreamConnections = ConnectionPool<UpstreamHandler>
typealias UpstreamConnectionRegistry = ConnectionPoolRegistry<UpstreamHandler>

/// Keep-alive connections to targets, one pool per event loop: a client connection and the
/// target connections serving it share a loop, so handing a response over is a plain call and
/// nothing here takes a lock per request.
final class ConnectionPool<Handler: PooledUpstream> {
    /// Idle connections kept per target; more are closed when released.
    static var maxIdlePerTarget: Int { 64 }
    static var connectTimeout: TimeAmount { .seconds(5) }

    let eventLoop: any EventLoop
    private var idle: [TargetEndpoint: [Handler]] = [:]

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// A connection to a target: an idle one (which the target may have closed a moment
    /// ago), or one being opened.
    enum Lease {
        case idle(Handler)
        /// Its pipeline ends with a `Handler`.
        case connecting(EventLoopFuture<any Channel>)
    }

    /// An idle connection to `target` if one is still open, else a new one.
    func lease(_ target: TargetEndpoint, fresh: Bool = false, connectTimeout: TimeAmount = connectTimeout) -> Lease {
        while !fresh, let handler = idle[target]?.popLast() {
            if handler.isUsable { return .idle(handler) }
        }
        let connected = ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Handler.addCodecHandlers(to: channel.pipeline.syncOperations)
                    try channel.pipeline.syncOperations.addHandler(Handler())
                }
            }
            .connect(to: target.socketAddress)
        return .connecting(connected)
    }

    /// Back to the pool after a complete exchange on a keep-alive connection.
    func release(_ handler: Handler, target: TargetEndpoint) {
        handler.detach()
        guard handler.isUsable, (idle[target]?.count ?? 0) < Self.maxIdlePerTarget else {
            handler.close()
            return
        }
        handler.setAutoRead(true)
        idle[target, default: []].append(handler)
    }
}

/// The per-loop pools of a process, found by event loop once per client connection.
final class ConnectionPoolRegistry<Handler: PooledUpstream>: Sendable {
    private let pools = Mutex<[ObjectIdentifier: NIOLoopBound<ConnectionPool<Handler>>]>([:])

    /// Must be called on `eventLoop`.
    func connections(on eventLoop: any EventLoop) -> ConnectionPool<Handler> {
        let key = ObjectIdentifier(eventLoop)
        let bound = pools.withLock { pools -> NIOLoopBound<ConnectionPool<Handler>> in
            if let known = pools[key] { return known }
            let made = NIOLoopBound(ConnectionPool<Handler>(eventLoop: eventLoop), eventLoop: eventLoop)
            pools[key] = made
            return made
        }
        return bound.value
    }
}

/// Who leased an origin connection: a CloudFront origin fetch.
/// Called on the connection's event loop.
protocol UpstreamExchange: AnyObject {
    func upstreamRead(_ part: HTTPClientResponsePart, from upstream: UpstreamHandler)
    /// The connection closed or failed before the exchange released it.
    func upstreamClosed(_ upstream: UpstreamHandler)
    func upstreamWritabilityChanged(_ writable: Bool)
    /// The end of one read of the connection: parts handed over unflushed can go out now.
    func upstreamReadComplete(_ upstream: UpstreamHandler)
}

extension UpstreamExchange {
    func upstreamReadComplete(_ upstream: UpstreamHandler) {}
}

/// The last handler of an origin connection: hands what the origin answers to the exchange
/// that leased the connection, and sends that exchange's request parts.
final class UpstreamHandler: ChannelInboundHandler, PooledUpstream {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    static func addCodecHandlers(to pipeline: ChannelPipeline.SynchronousOperations) throws {
        try pipeline.addHTTPClientHandlers()
    }

    /// The client side waiting for this connection's answer; nil while idle in the pool.
    var exchange: (any UpstreamExchange)?
    private let channel = UpstreamChannel()

    init() {}

    var isUsable: Bool { channel.isUsable }

    func detach() { exchange = nil }

    func handlerAdded(context: ChannelHandlerContext) { channel.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { channel.context = nil }

    func send(_ part: HTTPClientRequestPart, flush: Bool) { channel.write(wrapOutboundOut(part), flush: flush) }

    func flush() { channel.flush() }

    func setAutoRead(_ on: Bool) { channel.setAutoRead(on) }

    func close() {
        exchange = nil
        channel.close()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        exchange?.upstreamRead(unwrapInboundIn(data), from: self)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        exchange?.upstreamReadComplete(self)
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        channel.closed = true
        let waiting = exchange
        exchange = nil
        waiting?.upstreamClosed(self)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        channel.closed = true
        let waiting = exchange
        exchange = nil
        waiting?.upstreamClosed(self)
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        exchange?.upstreamWritabilityChanged(context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }
}
