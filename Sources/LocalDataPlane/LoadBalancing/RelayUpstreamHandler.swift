import NIOCore
import NIOHTTP1

/// The ALB's target connections: requests encoded by NIOHTTP1, responses relayed as the bytes
/// the target sent (no decode, no re-encode), cut where each response ends.
typealias TargetConnections = ConnectionPool<RelayUpstreamHandler>
typealias TargetConnectionRegistry = ConnectionPoolRegistry<RelayUpstreamHandler>

/// Who leased a target connection (the ALB's client connection handler). Called on the
/// connection's event loop.
protocol RelayExchange: AnyObject {
    /// A final response starts: `bytes` holds its head (`head.length` bytes) and then whatever
    /// of its body arrived in the same read.
    func relayHead(_ head: ResponseHead, bytes: ByteBuffer)
    func relayBody(_ bytes: ByteBuffer)
    /// The response is complete (for a body read until close: the target closed).
    func relayEnd()
    /// The end of one read of the connection: what was handed over can be flushed.
    func relayReadComplete()
    /// The connection closed, failed or sent something that is not HTTP before the end.
    func relayClosed(_ upstream: RelayUpstreamHandler)
    func relayWritabilityChanged(_ writable: Bool)
}

final class RelayUpstreamHandler: ChannelInboundHandler, PooledUpstream {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = HTTPClientRequestPart

    private enum State {
        /// Waiting for (the rest of) a response head.
        case head
        case length(Int)
        case chunked(ChunkedBodyScanner)
        case untilClose
    }

    static func addCodecHandlers(to pipeline: ChannelPipeline.SynchronousOperations) throws {
        try pipeline.addHandler(HTTPRequestEncoder())
    }

    var exchange: (any RelayExchange)?
    private let channel = UpstreamChannel()
    private var state = State.head
    /// The method of the request being answered (a HEAD's response has no body).
    private var requestMethod = "GET"
    /// A head that arrived in pieces, kept until its empty line.
    private var partialHead: ByteBuffer?

    init() {}

    var isUsable: Bool { channel.isUsable }

    func handlerAdded(context: ChannelHandlerContext) { channel.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { channel.context = nil }

    func detach() { exchange = nil }

    func send(_ part: HTTPClientRequestPart, flush: Bool) {
        guard channel.context != nil else { return }
        if case let .head(head) = part {
            requestMethod = head.method.rawValue
            state = .head
        }
        channel.write(wrapOutboundOut(part), flush: flush)
    }

    func flush() { channel.flush() }

    func setAutoRead(_ on: Bool) { channel.setAutoRead(on) }

    func close() {
        exchange = nil
        channel.close()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if var partial = partialHead {
            partialHead = nil
            partial.writeBuffer(&buffer)
            buffer = partial
        }
        do {
            try relay(&buffer)
        } catch {
            fail(context: context)
        }
    }

    /// Hands over each response in `buffer`; bytes after a response's end with no exchange
    /// waiting (a target answering what was not asked) make the connection unusable.
    private func relay(_ buffer: inout ByteBuffer) throws {
        while buffer.readableBytes > 0 {
            guard let exchange else { throw ResponseHead.ParseError.malformed }
            switch state {
            case .head:
                guard let head = try ResponseHead.parse(buffer, requestMethod: requestMethod) else {
                    partialHead = buffer
                    return
                }
                if head.isInformational {
                    buffer.moveReaderIndex(forwardBy: head.length)
                    continue
                }
                var inThisRead = head.length
                switch head.body {
                case .none: break
                case let .length(length):
                    let taken = min(length, buffer.readableBytes - head.length)
                    inThisRead += taken
                    state = length == taken ? .head : .length(length - taken)
                case .chunked:
                    var scanner = ChunkedBodyScanner()
                    inThisRead += try buffer.withUnsafeReadableBytes { try scanner.scan(UnsafeRawBufferPointer(rebasing: $0[head.length...])) }
                    state = scanner.isDone ? .head : .chunked(scanner)
                case .untilClose:
                    inThisRead = buffer.readableBytes
                    state = .untilClose
                }
                exchange.relayHead(head, bytes: buffer.readSlice(length: inThisRead)!)
                if case .head = state { ended() }
            case let .length(remaining):
                let taken = min(remaining, buffer.readableBytes)
                state = remaining == taken ? .head : .length(remaining - taken)
                exchange.relayBody(buffer.readSlice(length: taken)!)
                if case .head = state { ended() }
            case var .chunked(scanner):
                let taken = try buffer.withUnsafeReadableBytes { try scanner.scan($0) }
                state = scanner.isDone ? .head : .chunked(scanner)
                exchange.relayBody(buffer.readSlice(length: taken)!)
                if case .head = state { ended() }
            case .untilClose:
                exchange.relayBody(buffer)
                buffer.moveReaderIndex(to: buffer.writerIndex)
            }
        }
    }

    /// One response complete: the exchange releases (or closes) this connection.
    private func ended() {
        exchange?.relayEnd()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        exchange?.relayReadComplete()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        channel.closed = true
        let waiting = exchange
        exchange = nil
        if case .untilClose = state {
            state = .head
            waiting?.relayEnd()
        } else {
            waiting?.relayClosed(self)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(context: context)
    }

    private func fail(context: ChannelHandlerContext) {
        channel.closed = true
        partialHead = nil
        let waiting = exchange
        exchange = nil
        waiting?.relayClosed(self)
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        exchange?.relayWritabilityChanged(context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }
}
