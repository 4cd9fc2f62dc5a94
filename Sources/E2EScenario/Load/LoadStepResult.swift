/// One step's figures, as the report prints them.
public struct LoadStepResult: Sendable, Codable {
    public struct KindFigures: Sendable, Codable {
        public let kind: LoadRequestKind
        public let requests: Int
        public let okRatio: Double
        public let p50Ms: Double
        public let p95Ms: Double
        public let p99Ms: Double
        public let clientErrors: Int
        public let serverErrors: Int
        public let failures: Int
    }

    public let targetRate: Int
    public let seconds: Double
    public let achievedRate: Double
    public let okRatio: Double
    public let p50Ms: Double
    public let p95Ms: Double
    public let p99Ms: Double
    public let serverErrors: Int
    public let failures: Int
    public let dropped: Int
    public let skippedPurchases: Int
    public let kinds: [KindFigures]

    init(targetRate: Int, seconds: Double, tallies: [LoadRequestKind: LoadStats.Tally], dropped: Int, skipped: Int) {
        let all = tallies.values.flatMap(\.latenciesMs).sorted()
        let answered = tallies.values.reduce(0) { $0 + $1.ok + $1.clientErrors + $1.serverErrors }
        let total = answered + tallies.values.reduce(0) { $0 + $1.failures }
        self.targetRate = targetRate
        self.seconds = seconds
        achievedRate = Double(total) / max(seconds, 0.001)
        okRatio = total == 0 ? 0 : Double(tallies.values.reduce(0) { $0 + $1.ok }) / Double(total)
        p50Ms = Self.percentile(all, 0.50)
        p95Ms = Self.percentile(all, 0.95)
        p99Ms = Self.percentile(all, 0.99)
        serverErrors = tallies.values.reduce(0) { $0 + $1.serverErrors }
        failures = tallies.values.reduce(0) { $0 + $1.failures }
        self.dropped = dropped
        skippedPurchases = skipped
        kinds = LoadRequestKind.allCases.compactMap { kind in
            guard let tally = tallies[kind] else { return nil }
            let sorted = tally.latenciesMs.sorted()
            let count = tally.ok + tally.clientErrors + tally.serverErrors + tally.failures
            return KindFigures(kind: kind, requests: count, okRatio: count == 0 ? 0 : Double(tally.ok) / Double(count),
                               p50Ms: LoadStepResult.percentile(sorted, 0.50),
                               p95Ms: LoadStepResult.percentile(sorted, 0.95),
                               p99Ms: LoadStepResult.percentile(sorted, 0.99), clientErrors: tally.clientErrors,
                               serverErrors: tally.serverErrors, failures: tally.failures)
        }
    }

    /// Nearest-rank percentile of sorted values; 0 when there are none.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
