/// One service's send rate in one region, as the SDKs' adaptive retry mode paces it: no limit
/// until the first throttle; from then on every send takes a permit from a token bucket whose
/// rate a throttle cuts (to 0.7 × what was being sent) and successes raise along a cubic,
/// never above twice the measured rate (a limit far above what is sent says nothing).
/// Time is passed in (seconds on any monotonic clock), so tests drive it with a fake one.
public struct AdaptiveRateLimiter: Sendable {
    /// True once a throttle was seen: sends are paced from then on.
    public private(set) var isLimiting = false
    private var bucket: RateTokenBucket
    private var meter: SendRateMeter
    private var curve: CubicRateAdjuster

    /// `minimumRate`: the slowest pace a throttle can impose, in calls per second.
    public init(now: Double, minimumRate: Double = 0.5) {
        bucket = RateTokenBucket(rate: 1, now: now, minimumRate: minimumRate)
        meter = SendRateMeter(now: now)
        curve = CubicRateAdjuster(startingMaxRate: 0, now: now)
    }

    /// The allowed send rate in calls per second (meaningful once limiting).
    public var rate: Double { bucket.fillRate }

    /// The measured rate of answers in calls per second.
    public var measuredRate: Double { meter.rate }

    /// Takes a send permit; returns the seconds to wait before sending.
    public mutating func delayBeforeSending(now: Double) -> Double {
        isLimiting ? bucket.reserve(now: now) : 0
    }

    /// Records an answer (`throttled`: the service asked us to slow down) and adjusts the rate.
    public mutating func record(throttled: Bool, now: Double) {
        let measured = meter.record(at: now)
        let newRate: Double
        if throttled {
            let sending = isLimiting ? min(measured, bucket.fillRate) : measured
            newRate = curve.rateAfterThrottle(at: now, sending: sending)
            isLimiting = true
        } else {
            newRate = curve.rateAfterSuccess(at: now)
        }
        bucket.setRate(min(newRate, 2 * measured), now: now)
    }
}
