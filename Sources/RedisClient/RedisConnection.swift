import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// One connection to a Redis server. Any number of tasks may send on it at once: requests are
/// pipelined and replies matched in order. Every error it throws is a `RedisError`.
public final class RedisConnection: RedisCommandExecutor, Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<RedisCommandHandler>
    private let logger: Logger

    /// False once the connection closed for any reason; a pool then discards it.
    public var isConnected: Bool { channel.isActive }

    public var eventLoop: any EventLoop { channel.eventLoop }

    private init(channel: any Channel, handler: NIOLoopBound<RedisCommandHandler>, logger: Logger) {
        self.channel = channel
        self.handler = handler
        self.logger = logger
    }

    /// Connects, and runs AUTH / SELECT / CLIENT SETNAME (or a PING when none applies, so that a
    /// server that does not answer is found out here) in one write, all within `connectTimeout`.
    public static func connect(
        configuration: RedisConfiguration,
        eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.next(),
        logger: Logger = Logger(label: "redis")
    ) async throws -> RedisConnection {
        let tls = try configuration.tls.map { tls throws(RedisError) in try RedisTLS(tls) }
        return try await connect(configuration: configuration, tls: tls, eventLoop: eventLoop, logger: logger)
    }

    static func connect(
        configuration: RedisConfiguration,
        tls: RedisTLS?,
        eventLoop: any EventLoop,
        logger: Logger
    ) async throws -> RedisConnection {
        let address = "\(configuration.host):\(configuration.port)"
        let connectTimeout = TimeAmount(configuration.connectTimeout)
        let deadline = NIODeadline.now() + connectTimeout
        let serverName = configuration.tls.flatMap { RedisTLS.serverName(host: configuration.host, tls: $0) }
        let verifiedName = serverName ?? configuration.host
        let refusal = NIOLockedValueBox<RedisError?>(nil)
        let commandTimeout = configuration.commandTimeout.map(TimeAmount.init)

        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            // TCP level: `.socketOption(.tcp_nodelay)` would be SOL_SOCKET option 1, SO_DEBUG, which
            // needs CAP_NET_ADMIN and fails every connect of a non-root process (the images' user).
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls.context, serverHostname: serverName))
                        try pipeline.addHandler(CertificateRefusalHandler(server: address, host: verifiedName, roots: tls.roots,
                                                                           refusal: refusal))
                    }
                    try pipeline.addHandler(ByteToMessageHandler(RESPDecoder()))
                    try pipeline.addHandler(MessageToByteHandler(RESPEncoder()))
                    try pipeline.addHandler(RedisCommandHandler(commandTimeout: commandTimeout))
                }
            }

        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: configuration.host, port: configuration.port).get()
        } catch ChannelError.connectTimeout(_) {
            throw RedisError(kind: .connectTimeout, message: "no TCP connection to \(address) within \(configuration.connectTimeout)")
        } catch {
            throw RedisError(kind: .connectionFailed, message: "cannot connect to \(address): \(error)")
        }

        // TLS and the handshake commands share what is left of the connect timeout.
        let timedOut = NIOLockedValueBox(false)
        let timer = channel.eventLoop.scheduleTask(deadline: deadline) {
            timedOut.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        do {
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: RedisCommandHandler.self),
                             eventLoop: channel.eventLoop)
            }.get()
            let connection = RedisConnection(channel: channel, handler: handler, logger: logger)
            try await connection.handshake(configuration)
            timer.cancel()
            // The replies may have arrived just before the timer closed the channel.
            guard !timedOut.withLockedValue({ $0 }) else { throw ChannelError.ioOnClosedChannel }
            logger.debug("redis connected", metadata: ["redis.address": "\(address)", "redis.tls": "\(tls != nil)"])
            return connection
        } catch {
            timer.cancel()
            channel.close(promise: nil)
            // A refused certificate is the cause, whatever the closed channel then reported.
            if let refused = refusal.withLockedValue({ $0 }) { throw refused }
            if timedOut.withLockedValue({ $0 }) {
                throw RedisError(kind: .connectTimeout,
                                 message: "\(address) did not complete TLS/AUTH/SELECT within \(configuration.connectTimeout)")
            }
            // A server error reply, or a refused certificate (already one line naming the server).
            if let error = error as? RedisError, error.kind == .server || error.kind == .connectionFailed { throw error }
            throw RedisError(kind: .connectionFailed, message: "\(address): \((error as? RedisError)?.message ?? "\(error)")")
        }
    }

    private func handshake(_ configuration: RedisConfiguration) async throws {
        var commands: [RedisCommand] = []
        if let password = configuration.password {
            if let username = configuration.username {
                commands.append(RedisCommand("AUTH", [.string(username), .string(password)]))
            } else {
                commands.append(RedisCommand("AUTH", [.string(password)]))
            }
        }
        if configuration.database != 0 {
            commands.append(RedisCommand("SELECT", [.integer(configuration.database)]))
        }
        if let name = configuration.clientName {
            commands.append(RedisCommand("CLIENT", ["SETNAME", .string(name)]))
        }
        if commands.isEmpty {
            commands.append(RedisCommand("PING"))
        }
        for reply in try await pipeline(commands) {
            if case .error(let error) = reply { throw error }
        }
    }

    /// Sends one command and waits for its reply; an error reply is thrown as `RedisError` of kind `.server`.
    public func send(_ command: RedisCommand) async throws -> RESPValue {
        let reply = try await withCheckedThrowingContinuation { submit(.single(command, $0)) }
        if case .error(let error) = reply { throw error }
        return reply
    }

    /// Sends all commands in one write and returns their replies in order. Error replies are
    /// returned in place (as `.error`), so one failing command does not hide the others' results.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RESPValue] {
        try await withCheckedThrowingContinuation { submit(.batch(commands, $0)) }
    }

    /// Closes after the replies already in flight have arrived; new commands are refused meanwhile.
    public func close() async {
        try? await startClosing().get()
        logger.debug("redis connection closed")
    }

    /// Hands a request to the handler on its event loop; requests from one thread keep their order.
    func submit(_ request: RedisRequest) {
        onEventLoop { $0.submit(request) }
    }

    /// Starts a graceful close; the future completes when the channel is closed.
    func startClosing() -> EventLoopFuture<Void> {
        onEventLoop { $0.closeGracefully() }
        return channel.closeFuture
    }

    private func onEventLoop(_ body: @escaping @Sendable (RedisCommandHandler) -> Void) {
        let handler = self.handler
        if channel.eventLoop.inEventLoop {
            body(handler.value)
        } else {
            channel.eventLoop.execute { body(handler.value) }
        }
    }
}
