/// Every answer of one step, by request kind; an actor because requests finish on many tasks.
actor LoadStats {
    struct Tally: Sendable {
        var latenciesMs: [Double] = []
        var ok = 0          // 2xx and 304
        var clientErrors = 0
        var serverErrors = 0
        var failures = 0    // no answer (timeout, refused)
    }

    private(set) var tallies: [LoadRequestKind: Tally] = [:]
    private(set) var dropped = 0
    private(set) var skipped = 0

    func record(_ kind: LoadRequestKind, status: Int?, latencyMs: Double) {
        var tally = tallies[kind] ?? Tally()
        switch status {
        case .none: tally.failures += 1
        case .some(let code) where (200..<300).contains(code) || code == 304: tally.ok += 1
        case .some(let code) where code >= 500: tally.serverErrors += 1
        default: tally.clientErrors += 1
        }
        if status != nil { tally.latenciesMs.append(latencyMs) }
        tallies[kind] = tally
    }

    /// A request not sent because maxInFlight were already outstanding.
    func drop() { dropped += 1 }

    /// A purchase not attempted because the seat pool is empty.
    func skip() { skipped += 1 }
}
