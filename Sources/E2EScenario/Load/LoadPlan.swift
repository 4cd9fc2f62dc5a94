import Foundation

/// How hard and how long: open-loop steps of a target request rate (the seed steps up, e.g.
/// 10k → 50k → 100k per second, five minutes each, then soaks at the last rate for 30 minutes
/// or more), capped by in-flight requests so a saturated client reports drops instead of
/// silently slowing down (coordinated omission). `rates` are the whole run's targets; a shard
/// sends its `share` of each. With `startAt`, each step begins at its scheduled offset from
/// it, so shards on several hosts step up together.
public struct LoadPlan: Sendable {
    /// The seed's steps (SEED.en.md, "Load testing").
    public static let seedRates = [10_000, 50_000, 100_000]
    public static let seedStepSeconds = 300

    public var rates: [Int]
    public var stepSeconds: Int
    public var maxInFlight: Int
    public var shard: LoadShard
    public var startAt: Date?
    /// A last step at the last rate held this long (nil: no soak).
    public var soakSeconds: Int?

    public init(rates: [Int], stepSeconds: Int, maxInFlight: Int, shard: LoadShard = .whole, startAt: Date? = nil,
                soakSeconds: Int? = nil) {
        self.rates = rates
        self.stepSeconds = stepSeconds
        self.maxInFlight = maxInFlight
        self.shard = shard
        self.startAt = startAt
        self.soakSeconds = soakSeconds
    }

    public var schedule: [LoadStepPlan] { LoadStepPlan.schedule(rates: rates, stepSeconds: stepSeconds, soakSeconds: soakSeconds) }
}
