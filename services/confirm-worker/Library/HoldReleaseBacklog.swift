/// The hold removals of decided commits, taken off the commit's critical path.
///
/// PostgreSQL has decided the seat before a hold is released, and a hold left behind only
/// lingers until its TTL (``HoldRelease``). So the commit's message is deleted — and FIFO hands
/// out its group's next commit — without waiting on Redis and DynamoDB: measured on the local
/// stack, the DynamoDB delete took several times the transaction itself, and the queue waited on it.
/// Bounded: past `limit` releases in flight, `enqueue` waits, so a slow DynamoDB slows the
/// consumer down rather than growing memory. The consumer and the payment sweep await
/// `drained()` before they return, so a graceful stop (SIGTERM) still removes every hold they
/// consumed.
actor HoldReleaseBacklog {
    private let holds: HoldRelease
    private let limit: Int
    private var inFlight = 0
    private var slotWaiters: [CheckedContinuation<Void, Never>] = []
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []

    init(holds: HoldRelease, limit: Int = 256) {
        self.holds = holds
        self.limit = max(1, limit)
    }

    /// Starts removing `released` from Redis and DynamoDB and returns; waits first only while
    /// `limit` removals are already running.
    func enqueue(eventId: String, holds released: [ConsumedHold]) async {
        guard !released.isEmpty else { return }
        while inFlight >= limit { await withCheckedContinuation { slotWaiters.append($0) } }
        inFlight += 1
        let holds = self.holds
        // Unstructured on purpose: a cancelled receiver must not cancel a removal it started.
        Task {
            await holds.release(eventId: eventId, holds: released)
            await self.finished()
        }
    }

    /// Returns once every removal enqueued so far has ended.
    func drained() async {
        guard inFlight > 0 else { return }
        await withCheckedContinuation { drainWaiters.append($0) }
    }

    private func finished() {
        inFlight -= 1
        if !slotWaiters.isEmpty { slotWaiters.removeFirst().resume() }
        if inFlight == 0 {
            drainWaiters.forEach { $0.resume() }
            drainWaiters.removeAll()
        }
    }
}
