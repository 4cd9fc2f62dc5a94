/// Send permits refilled at `fillRate` per second (never below `minimumRate`), at most
/// `capacity` banked (one second's worth, at least 1). A caller reserves a permit and is told
/// how long to wait for it; reservations may run the level below zero, so concurrent callers
/// queue fairly without polling.
struct RateTokenBucket: Sendable {
    /// The lowest rate a throttled client sends at (the SDKs' 0.5 per second).
    static let defaultMinimumRate = 0.5

    let minimumRate: Double
    private(set) var fillRate: Double
    private(set) var capacity: Double
    private(set) var level: Double
    private var lastRefill: Double

    init(rate: Double, now: Double, minimumRate: Double = RateTokenBucket.defaultMinimumRate) {
        self.minimumRate = minimumRate
        fillRate = max(rate, minimumRate)
        capacity = max(rate, 1)
        level = 0
        lastRefill = now
    }

    /// Sets a new rate; banked permits above the new capacity are dropped.
    mutating func setRate(_ rate: Double, now: Double) {
        refill(now)
        fillRate = max(rate, minimumRate)
        capacity = max(rate, 1)
        level = min(level, capacity)
    }

    /// Takes one permit; returns the seconds to wait before sending (0 when one was banked).
    mutating func reserve(now: Double) -> Double {
        refill(now)
        level -= 1
        return level >= 0 ? 0 : -level / fillRate
    }

    private mutating func refill(_ now: Double) {
        guard now > lastRefill else { return }
        level = min(capacity, level + (now - lastRefill) * fillRate)
        lastRefill = now
    }
}
