import NIOCore

/// The pool's bookkeeping, kept under one lock. Its methods only decide; the pool resumes
/// continuations and does I/O after the lock is released.
///
/// Invariant: while tasks wait, no connection is idle and every slot is taken — a released
/// connection or freed slot goes to the oldest waiter first, which is what makes waiting fair.
struct PoolState {
    enum Lease {
        /// Use this open connection.
        case connection(RedisConnection)
        /// A slot was reserved for the caller: connect and use that connection.
        case create
    }

    struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Lease, any Error>
    }

    enum Decision {
        case lease(Lease)
        case wait
        case shutDown
    }

    let maximumConnections: Int
    private(set) var idle: [RedisConnection] = []
    private(set) var leased = 0
    private(set) var connecting = 0
    /// Connections being closed during shutdown; shutdown returns when they are done.
    private(set) var closing = 0
    private(set) var waiters = CircularBuffer<Waiter>()
    private(set) var isShutDown = false
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    private var nextWaiterID = 0

    init(maximumConnections: Int) {
        self.maximumConnections = max(1, maximumConnections)
    }

    var openConnections: Int { idle.count + leased + connecting }

    mutating func makeWaiterID() -> Int {
        nextWaiterID += 1
        return nextWaiterID
    }

    /// An idle live connection (most recently used first: it is the likeliest to be warm),
    /// else a new slot, else wait. Dead idle connections are dropped on the way.
    mutating func lease() -> Decision {
        guard !isShutDown else { return .shutDown }
        while let connection = idle.popLast() {
            if connection.isConnected {
                leased += 1
                return .lease(.connection(connection))
            }
        }
        if waiters.isEmpty, openConnections < maximumConnections {
            connecting += 1
            return .lease(.create)
        }
        return .wait
    }

    mutating func enqueue(_ waiter: Waiter) {
        waiters.append(waiter)
    }

    mutating func removeWaiter(id: Int) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
    }

    /// What to do once a lease or connect attempt ends.
    enum Followup {
        case none
        case resume(Waiter, Lease)
        case close(RedisConnection)
        case finishShutdown([CheckedContinuation<Void, Never>])
    }

    mutating func connected(_ connection: RedisConnection) -> Followup {
        connecting -= 1
        if isShutDown {
            closing += 1
            return .close(connection)
        }
        leased += 1
        return .none
    }

    mutating func connectFailed() -> Followup {
        connecting -= 1
        return slotFreed()
    }

    mutating func release(_ connection: RedisConnection) -> Followup {
        leased -= 1
        if isShutDown {
            if connection.isConnected {
                closing += 1
                return .close(connection)
            }
            return finishShutdownIfDone()
        }
        guard connection.isConnected else { return slotFreed() }
        if let waiter = waiters.popFirst() {
            leased += 1
            return .resume(waiter, .connection(connection))
        }
        idle.append(connection)
        return .none
    }

    mutating func closed() -> Followup {
        closing -= 1
        return finishShutdownIfDone()
    }

    /// A broken connection was dropped or a connect failed: the oldest waiter gets the slot.
    private mutating func slotFreed() -> Followup {
        if isShutDown { return finishShutdownIfDone() }
        if let waiter = waiters.popFirst() {
            connecting += 1
            return .resume(waiter, .create)
        }
        return .none
    }

    /// Marks the pool shut down and hands back what must be failed and closed now.
    mutating func shutDown() -> (waiters: [Waiter], idle: [RedisConnection]) {
        isShutDown = true
        let failed = Array(waiters)
        waiters.removeAll()
        let toClose = idle
        idle.removeAll()
        closing += toClose.count
        return (failed, toClose)
    }

    /// Registers a wait for shutdown to finish; false if it already has.
    mutating func awaitShutdown(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        guard leased + connecting + closing > 0 else { return false }
        shutdownWaiters.append(continuation)
        return true
    }

    private mutating func finishShutdownIfDone() -> Followup {
        guard isShutDown, leased + connecting + closing == 0, !shutdownWaiters.isEmpty else { return .none }
        let done = shutdownWaiters
        shutdownWaiters.removeAll()
        return .finishShutdown(done)
    }
}
