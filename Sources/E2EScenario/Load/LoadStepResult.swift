import Foundation

/// One step's figures as counts and histograms (which add exactly across shards); the
/// report's rates, ratios and percentiles are computed from them.
public struct LoadStepResult: Sendable, Codable, Equatable {
    /// What one shard did in this step, kept per shard so an under-delivering one shows.
    public struct ShardFigures: Sendable, Codable, Equatable {
        public let shard: Int
        /// This shard's share of the step's target rate.
        public let targetRate: Int
        public let seconds: Double
        /// Answered and unanswered requests (not the dropped ones).
        public let requests: Int
        public let dropped: Int
        public let skippedPurchases: Int
        /// When this shard's step began (nil in results of older builds): with `seconds`, the
        /// window `tpsctl load figures` reads the deployment's CloudWatch figures for.
        public var startedAt: Date? = nil

        public var achievedRate: Double { Double(requests) / max(seconds, 0.001) }
    }

    /// The whole plan's target for this step (all shards together).
    public let targetRate: Int
    public let shards: [ShardFigures]
    public let kinds: [LoadRequestKind: LoadTally]

    init(targetRate: Int, shards: [ShardFigures], kinds: [LoadRequestKind: LoadTally]) {
        self.targetRate = targetRate
        self.shards = shards
        self.kinds = kinds
    }

    /// Every kind's answers together.
    public var all: LoadTally { kinds.values.reduce(into: LoadTally()) { $0.merge($1) } }
    public var requests: Int { shards.reduce(0) { $0 + $1.requests } }
    /// The shards' achieved rates summed (they run side by side over the same step).
    public var achievedRate: Double { shards.reduce(0) { $0 + $1.achievedRate } }
    public var dropped: Int { shards.reduce(0) { $0 + $1.dropped } }
    public var skippedPurchases: Int { shards.reduce(0) { $0 + $1.skippedPurchases } }
    public var okRatio: Double { all.okRatio }
    public var p50Ms: Double { all.latency.percentile(0.50) }
    public var p95Ms: Double { all.latency.percentile(0.95) }
    public var p99Ms: Double { all.latency.percentile(0.99) }
    public var serverErrors: Int { all.serverErrors }
    public var conflicts: Int { all.conflicts }
    public var failures: Int { all.failures }

    /// This step and another shard's same step as one.
    func merged(with other: LoadStepResult) -> LoadStepResult {
        LoadStepResult(targetRate: targetRate, shards: (shards + other.shards).sorted { $0.shard < $1.shard },
                       kinds: kinds.merging(other.kinds) { mine, theirs in
                           var sum = mine
                           sum.merge(theirs)
                           return sum
                       })
    }
}

extension LoadRequestKind: CodingKeyRepresentable {}
