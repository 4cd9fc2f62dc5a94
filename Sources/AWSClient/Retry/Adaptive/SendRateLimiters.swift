/// The adaptive limiters of one client (one region), one per service, on a shared monotonic
/// clock; tells `observer` when a service's paced rate changes enough to matter.
actor SendRateLimiters {
    private var limiters: [String: AdaptiveRateLimiter] = [:]
    private var told: [String: Double] = [:]
    private let region: String
    private let minimumRate: Double
    private let observer: SendRateObserver?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    init(region: String, minimumRate: Double, observer: SendRateObserver?) {
        self.region = region
        self.minimumRate = minimumRate
        self.observer = observer
        start = clock.now
    }

    /// The wait before sending one call to `service` (zero until it was throttled).
    func delayBeforeSending(to service: String) -> Duration {
        let now = seconds()
        let wait = limiters[service, default: AdaptiveRateLimiter(now: now, minimumRate: minimumRate)]
            .delayBeforeSending(now: now)
        return .nanoseconds(Int64(wait * 1e9))
    }

    /// Records an answer from `service`, and tells the observer when its rate moved enough.
    func record(from service: String, throttled: Bool) {
        let now = seconds()
        limiters[service, default: AdaptiveRateLimiter(now: now, minimumRate: minimumRate)]
            .record(throttled: throttled, now: now)
        guard throttled, let limiter = limiters[service],
              SendRateChange.isWorthTelling(limiter.rate, after: told[service]) else { return }
        told[service] = limiter.rate
        observer?(SendRateChange(service: service, region: region, rate: limiter.rate))
    }

    private func seconds() -> Double {
        let elapsed = start.duration(to: clock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}

/// Told each `SendRateChange` of a client's adaptive limiters (progress lines).
public typealias SendRateObserver = @Sendable (SendRateChange) -> Void
