/// Every answer of one step, by request kind; an actor because requests finish on many tasks.
actor LoadStats {
    private(set) var tallies: [LoadRequestKind: LoadTally] = [:]
    /// All kinds by the bucket of the step they were sent in.
    private(set) var timeline: [LoadTally] = []
    private(set) var dropped = 0
    private(set) var skipped = 0

    func record(_ kind: LoadRequestKind, bucket: Int, status: Int?, latencyMs: Double) {
        tallies[kind, default: LoadTally()].record(status: status, latencyMs: latencyMs)
        while timeline.count <= bucket { timeline.append(LoadTally()) }
        timeline[bucket].record(status: status, latencyMs: latencyMs)
    }

    /// A request not sent because maxInFlight were already outstanding.
    func drop() { dropped += 1 }

    /// A purchase not attempted because the seat pool is empty.
    func skip() { skipped += 1 }
}
