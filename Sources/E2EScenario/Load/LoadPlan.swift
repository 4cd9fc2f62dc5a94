import Foundation

/// How hard and how long: open-loop steps of a target request rate (the seed steps up, e.g.
/// 10k → 50k → 100k per second, five minutes each), capped by in-flight requests so a
/// saturated client reports drops instead of silently slowing down (coordinated omission).
/// `rates` are the whole run's targets; a shard sends its `share` of each. With `startAt`,
/// step i begins at startAt + i × stepSeconds, so shards on several hosts step up together.
public struct LoadPlan: Sendable {
    public var rates: [Int]
    public var stepSeconds: Int
    public var maxInFlight: Int
    public var shard: LoadShard
    public var startAt: Date?

    public init(rates: [Int], stepSeconds: Int, maxInFlight: Int, shard: LoadShard = .whole, startAt: Date? = nil) {
        self.rates = rates
        self.stepSeconds = stepSeconds
        self.maxInFlight = maxInFlight
        self.shard = shard
        self.startAt = startAt
    }
}
