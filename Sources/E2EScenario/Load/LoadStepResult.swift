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
        /// CPU time the bot's process used in this step (user + system; nil in older results):
        /// a bot near its cores' limit was the bottleneck, not the deployment.
        public var cpuSeconds: Double? = nil

        public var achievedRate: Double { Double(requests) / max(seconds, 0.001) }
        /// Cores the bot kept busy on average (1.0 = one core all the step).
        public var cpuCores: Double? { cpuSeconds.map { $0 / max(seconds, 0.001) } }
    }

    /// The whole plan's target for this step (all shards together).
    public let targetRate: Int
    public let shards: [ShardFigures]
    public let kinds: [LoadRequestKind: LoadTally]
    /// Every kind's answers by when they were sent, in `bucketSeconds` buckets from the step's
    /// start (nil in results of older builds): the report's charts over time.
    public let timeline: [LoadTally]?

    /// The timeline's resolution.
    public static let bucketSeconds = 10

    init(targetRate: Int, shards: [ShardFigures], kinds: [LoadRequestKind: LoadTally], timeline: [LoadTally]? = nil) {
        self.targetRate = targetRate
        self.shards = shards
        self.kinds = kinds
        self.timeline = timeline
    }

    /// Every kind's answers together.
    public var all: LoadTally { kinds.values.reduce(into: LoadTally()) { $0.merge($1) } }
    public var requests: Int { shards.reduce(0) { $0 + $1.requests } }
    /// The shards' achieved rates summed (they run side by side over the same step).
    public var achievedRate: Double { shards.reduce(0) { $0 + $1.achievedRate } }
    public var dropped: Int { shards.reduce(0) { $0 + $1.dropped } }
    /// The shards' cores summed; nil when a shard did not measure its CPU.
    public var botCores: Double? {
        let cores = shards.compactMap(\.cpuCores)
        return cores.count == shards.count && !cores.isEmpty ? cores.reduce(0, +) : nil
    }
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
                       },
                       timeline: Self.merged(timeline, other.timeline))
    }

    /// Bucket by bucket; a shard whose step ran longer adds buckets.
    static func merged(_ one: [LoadTally]?, _ other: [LoadTally]?) -> [LoadTally]? {
        guard let one, let other else { return one ?? other }
        return (0..<max(one.count, other.count)).map { index in
            var sum = index < one.count ? one[index] : LoadTally()
            if index < other.count { sum.merge(other[index]) }
            return sum
        }
    }
}

extension LoadRequestKind: CodingKeyRepresentable {}
