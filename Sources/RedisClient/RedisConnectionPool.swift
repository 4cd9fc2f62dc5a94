import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A bounded set of connections shared by many tasks.
///
/// Connections are opened lazily up to `maximumConnections`; a task that finds none free waits in
/// line (first come, first served, cancellable). A connection that broke is dropped when it comes
/// back and its slot goes to the next task, which opens a fresh one — so the pool recovers by
/// itself after the server restarts. Each lease is exclusive, so `pipeline` batches stay together.
public final class RedisConnectionPool: RedisCommandExecutor, Sendable {
    public let configuration: RedisConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let tls: RedisTLS?
    private let state: NIOLockedValueBox<PoolState>
    private let logger: Logger

    /// Throws only when the TLS settings cannot be loaded (e.g. a missing CA file); no connection is opened yet.
    public init(
        configuration: RedisConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "redis")
    ) throws(RedisError) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.tls = try configuration.tls.map { tls throws(RedisError) in try RedisTLS(tls) }
        self.state = NIOLockedValueBox(PoolState(maximumConnections: configuration.maximumConnections))
        self.logger = logger
    }

    /// Connections open or being opened right now (never more than `maximumConnections`).
    public var openConnections: Int { state.withLockedValue { $0.openConnections } }

    /// Tasks waiting in line for a connection.
    public var waitingTasks: Int { state.withLockedValue { $0.waiters.count } }

    /// True once `shutdown` was called.
    public var isShutDown: Bool { state.withLockedValue { $0.isShutDown } }

    /// Runs `body` with a connection of its own, returned to the pool afterwards (or dropped if it broke).
    public func withConnection<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (RedisConnection) async throws -> sending Result
    ) async throws -> sending Result {
        let connection = try await lease()
        do {
            let result = try await body(connection)
            release(connection)
            return result
        } catch {
            release(connection)
            throw error
        }
    }

    public func send(_ command: RedisCommand) async throws -> RESPValue {
        let connection = try await lease()
        defer { release(connection) }
        return try await connection.send(command)
    }

    /// All commands on one connection, in one write; replies in order, error replies in place.
    public func pipeline(_ commands: [RedisCommand]) async throws -> [RESPValue] {
        let connection = try await lease()
        defer { release(connection) }
        return try await connection.pipeline(commands)
    }

    /// Refuses new leases, fails waiting tasks with `.poolShutdown`, lets leased connections finish
    /// what they are doing, and returns when every connection is closed.
    public func shutdown() async {
        let (waiters, idle) = state.withLockedValue { $0.shutDown() }
        for waiter in waiters {
            waiter.continuation.resume(throwing: RedisError(kind: .poolShutdown, message: "the pool shut down while waiting"))
        }
        for connection in idle { closeDuringShutdown(connection) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiting = state.withLockedValue { $0.awaitShutdown(continuation) }
            if !waiting { continuation.resume() }
        }
        logger.debug("redis pool shut down")
    }

    // MARK: Leasing

    private func lease() async throws -> RedisConnection {
        switch state.withLockedValue({ $0.lease() }) {
        case .lease(let lease): return try await take(lease)
        case .shutDown: throw RedisError(kind: .poolShutdown, message: "the pool is shut down")
        case .wait: return try await take(waitInLine())
        }
    }

    private func take(_ lease: PoolState.Lease) async throws -> RedisConnection {
        switch lease {
        case .connection(let connection):
            return connection
        case .create:
            let connection: RedisConnection
            do {
                connection = try await RedisConnection.connect(
                    configuration: configuration, tls: tls,
                    eventLoop: eventLoopGroup.next(), logger: logger)
            } catch {
                perform(state.withLockedValue { $0.connectFailed() })
                throw error
            }
            let followup = state.withLockedValue { $0.connected(connection) }
            if case .close = followup {
                perform(followup)
                throw RedisError(kind: .poolShutdown, message: "the pool shut down while connecting")
            }
            return connection
        }
    }

    private func waitInLine() async throws -> PoolState.Lease {
        let id = state.withLockedValue { $0.makeWaiterID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PoolState.Lease, any Error>) in
                let immediate: Result<PoolState.Lease, any Error>? = state.withLockedValue { state in
                    // Checked under the lock: a cancel that ran before we were queued found nothing to remove.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    switch state.lease() {
                    case .lease(let lease): return .success(lease)
                    case .shutDown: return .failure(RedisError(kind: .poolShutdown, message: "the pool is shut down"))
                    case .wait:
                        state.enqueue(PoolState.Waiter(id: id, continuation: continuation))
                        return nil
                    }
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            state.withLockedValue { $0.removeWaiter(id: id) }?.continuation.resume(throwing: CancellationError())
        }
    }

    private func release(_ connection: RedisConnection) {
        perform(state.withLockedValue { $0.release(connection) })
    }

    private func perform(_ followup: PoolState.Followup) {
        switch followup {
        case .none:
            break
        case .resume(let waiter, let lease):
            waiter.continuation.resume(returning: lease)
        case .close(let connection):
            closeDuringShutdown(connection)
        case .finishShutdown(let continuations):
            for continuation in continuations { continuation.resume() }
        }
    }

    private func closeDuringShutdown(_ connection: RedisConnection) {
        connection.startClosing().whenComplete { _ in
            self.perform(self.state.withLockedValue { $0.closed() })
        }
    }
}
