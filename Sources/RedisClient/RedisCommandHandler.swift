import NIOCore

/// Matches replies to requests on one connection: requests are queued as they are written and each
/// incoming value answers the oldest one, so any number of commands can be in flight (pipelining).
///
/// `RedisConnection` calls `submit` on the event loop directly (one hop per command, no futures),
/// and the handler resumes each waiting task exactly once.
///
/// A command timeout closes the connection: the late reply would otherwise be taken as the answer to
/// the next command. Only one timer is armed, for the oldest request, since it is always the first to
/// expire; it re-arms itself for the next oldest instead of being cancelled on every reply.
final class RedisCommandHandler: ChannelInboundHandler {
    typealias InboundIn = RESPValue
    typealias OutboundOut = RedisCommand

    private enum State {
        case open
        /// Graceful close asked for: no new requests; close when the last reply arrives.
        case draining
        case closed(RedisError)
    }

    private var pending = CircularBuffer<PendingReply>(initialCapacity: 16)
    private var state = State.open
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    private let commandTimeout: TimeAmount?

    init(commandTimeout: TimeAmount?) {
        self.commandTimeout = commandTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        close(with: .connectionClosed("the connection was closed"))
        self.context = nil
    }

    // MARK: Requests (on the event loop)

    /// Writes the request's commands and flushes once, so a batch leaves as one write.
    func submit(_ request: RedisRequest) {
        guard case .open = state, let context else {
            request.fail(refusal)
            return
        }
        let deadline = commandTimeout.map { NIODeadline.now() + $0 }
        switch request {
        case .single(let command, let continuation):
            pending.append(PendingReply(target: .single(continuation), commandName: command.name, deadline: deadline))
            context.write(wrapOutboundOut(command), promise: nil)
        case .batch(let commands, let continuation):
            guard !commands.isEmpty else {
                continuation.resume(returning: [])
                return
            }
            let replies = BatchReplies(expected: commands.count, continuation: continuation)
            for command in commands {
                pending.append(PendingReply(target: .batch(replies), commandName: command.name, deadline: deadline))
                context.write(wrapOutboundOut(command), promise: nil)
            }
        }
        context.flush()
        armTimer(context: context)
    }

    /// Refuses new requests, and closes the channel once every reply in flight has arrived.
    func closeGracefully() {
        guard let context else { return }
        switch state {
        case .open: break
        case .draining: return
        case .closed:
            context.close(promise: nil)
            return
        }
        if pending.isEmpty {
            state = .closed(.connectionClosed("the connection was closed"))
            context.close(promise: nil)
        } else {
            state = .draining
        }
    }

    private var refusal: RedisError {
        switch state {
        case .open: return .connectionClosed("the connection is not open")
        case .draining: return .connectionClosed("the connection is closing")
        case .closed(let error): return error.kind == .connectionClosed ? error : .connectionClosed(error.description)
        }
    }

    // MARK: Replies

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let value = unwrapInboundIn(data)
        guard let head = pending.popFirst() else {
            fail(context: context, with: .protocolViolation("a reply arrived with no request waiting for it"))
            return
        }
        head.succeed(value)
        if pending.isEmpty, case .draining = state {
            state = .closed(.connectionClosed("the connection was closed"))
            cancelTimer()
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        close(with: .connectionClosed("the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        let redisError = (error as? RedisError) ?? .connectionClosed(String(describing: error))
        fail(context: context, with: redisError)
    }

    // MARK: Failing

    /// Fails everything in flight with `error` and closes: after a protocol error or I/O error the
    /// stream position is unknown, so nothing more can be trusted on this connection.
    private func fail(context: ChannelHandlerContext, with error: RedisError) {
        close(with: error)
        context.close(promise: nil)
    }

    /// Moves to `closed` (keeping the first reason) and fails what is in flight with that reason.
    private func close(with error: RedisError) {
        let reason: RedisError
        if case .closed(let first) = state { reason = first } else { reason = error }
        state = .closed(reason)
        cancelTimer()
        guard !pending.isEmpty else { return }
        let failed = pending
        pending.removeAll(keepingCapacity: false)
        for reply in failed { reply.fail(reason) }
    }

    // MARK: Timeout

    private func armTimer(context: ChannelHandlerContext) {
        guard timer == nil, let deadline = pending.first?.deadline else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            self.timer = nil
            self.timerFired(context: context)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    private func timerFired(context: ChannelHandlerContext) {
        guard let head = pending.first, let deadline = head.deadline else { return }
        guard deadline <= .now() else {
            armTimer(context: context)
            return
        }
        let timeout = commandTimeout.map { "\($0.nanoseconds / 1_000_000) ms" } ?? "its deadline"
        let timedOut = pending.removeFirst()
        timedOut.fail(RedisError(kind: .commandTimeout, message: "\(head.commandName) got no reply within \(timeout)"))
        fail(context: context, with: .connectionClosed("closed because an earlier command on it timed out"))
    }
}
