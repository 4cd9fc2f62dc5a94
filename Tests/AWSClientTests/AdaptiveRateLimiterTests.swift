@testable import AWSClient
import Testing

/// The adaptive mode's client-side rate limiter, driven by a fake clock.
@Suite("Adaptive rate limiter: token bucket, measured rate, CUBIC backoff and recovery")
struct AdaptiveRateLimiterTests {
    /// `count` successful calls, one every `interval` seconds, each sent without waiting.
    static func sendSuccesses(_ count: Int, every interval: Double, _ limiter: inout AdaptiveRateLimiter,
                              _ clock: inout FakeClock) -> [Double] {
        (0..<count).map { _ in
            let wait = limiter.delayBeforeSending(now: clock.now)
            limiter.record(throttled: false, now: clock.now)
            clock.advance(by: interval)
            return wait
        }
    }

    /// A limiter that saw 30 successes at 10 calls/s, then a throttle.
    static func throttledAfterThreeSecondsAtTenPerSecond() -> (AdaptiveRateLimiter, FakeClock) {
        var clock = FakeClock()
        var limiter = AdaptiveRateLimiter(now: clock.now)
        _ = sendSuccesses(30, every: 0.1, &limiter, &clock)
        limiter.record(throttled: true, now: clock.now)
        return (limiter, clock)
    }

    @Test func sendsFreelyUntilTheFirstThrottle() {
        var clock = FakeClock()
        var limiter = AdaptiveRateLimiter(now: clock.now)
        let waits = Self.sendSuccesses(200, every: 0.01, &limiter, &clock)
        #expect(waits.allSatisfy { $0 == 0 })
        #expect(!limiter.isLimiting)
        #expect(limiter.measuredRate > 50, "about 100 calls/s measured: \(limiter.measuredRate)")
    }

    @Test func aThrottleCutsTheRateToSevenTenthsOfTheMeasuredRate() {
        let (limiter, _) = Self.throttledAfterThreeSecondsAtTenPerSecond()
        #expect(limiter.isLimiting)
        #expect(limiter.measuredRate > 8 && limiter.measuredRate < 12, "\(limiter.measuredRate)")
        #expect(abs(limiter.rate - 0.7 * limiter.measuredRate) < 1e-9)
    }

    @Test func pacedSendsQueueOnePermitApart() {
        let (throttled, clock) = Self.throttledAfterThreeSecondsAtTenPerSecond()
        var limiter = throttled
        let rate = limiter.rate
        // Thirty sends asked for at one instant: the banked permits go at once, the rest wait in turn.
        let waits = (0..<30).map { _ in limiter.delayBeforeSending(now: clock.now) }
        let waiting = waits.drop { $0 == 0 }
        #expect(waits.count - waiting.count <= Int(rate.rounded(.up)), "at most one second's worth banked: \(waits)")
        #expect(waiting.count >= 20)
        for (earlier, later) in zip(waiting, waiting.dropFirst()) {
            #expect(abs(later - earlier - 1 / rate) < 1e-9)
        }
    }

    @Test func repeatedThrottlesNeverGoBelowHalfACallPerSecond() {
        var clock = FakeClock()
        var limiter = AdaptiveRateLimiter(now: clock.now)
        _ = Self.sendSuccesses(30, every: 0.1, &limiter, &clock)
        for _ in 0..<40 {
            limiter.record(throttled: true, now: clock.now)
            clock.advance(by: 0.3)
        }
        #expect(limiter.rate == RateTokenBucket.defaultMinimumRate)
        let first = limiter.delayBeforeSending(now: clock.now)
        let second = limiter.delayBeforeSending(now: clock.now)
        #expect(abs(second - first - 2) < 1e-9, "one send every 2 s")
    }

    @Test func successesRecoverTheRateAndThenProbeAboveIt() {
        var (limiter, clock) = Self.throttledAfterThreeSecondsAtTenPerSecond()
        let cut = limiter.rate
        // Keep sending at ~10/s (what the paced bucket allows and more is asked): the rate climbs back.
        var rates: [Double] = []
        for _ in 0..<60 {
            clock.advance(by: max(limiter.delayBeforeSending(now: clock.now), 0.1))
            limiter.record(throttled: false, now: clock.now)
            rates.append(limiter.rate)
        }
        #expect(rates.last! > cut, "recovered: \(cut) → \(rates.last!)")
        #expect(rates.allSatisfy { $0 <= 2 * 12 }, "never above twice the measured rate: \(rates.max()!)")
    }

    @Test func theCubicIsFlatAtTheLastMaximumAndSteepFarFromIt() {
        var curve = CubicRateAdjuster(startingMaxRate: 0, now: 0)
        #expect(abs(curve.rateAfterThrottle(at: 10, sending: 8) - 5.6) < 1e-9)
        #expect(abs(curve.rateAfterSuccess(at: 10) - 5.6) < 1e-9, "the curve starts at the cut rate")
        // Back at the old maximum k seconds later, k = ∛(8 × 0.3 / 0.4) = ∛6.
        let k = 1.8171205928321397
        #expect(abs(curve.rateAfterSuccess(at: 10 + k) - 8) < 1e-9)
        let nearMaximum = curve.rateAfterSuccess(at: 10 + k + 0.5) - curve.rateAfterSuccess(at: 10 + k)
        let farAbove = curve.rateAfterSuccess(at: 10 + k + 5) - curve.rateAfterSuccess(at: 10 + k + 4.5)
        #expect(nearMaximum < 0.1 && farAbove > 5, "\(nearMaximum), \(farAbove)")
    }

    @Test func aRaisedFloorHoldsUnderRepeatedThrottles() {
        var clock = FakeClock()
        var limiter = AdaptiveRateLimiter(now: clock.now, minimumRate: 5)
        for _ in 0..<40 {
            limiter.record(throttled: true, now: clock.now)
            clock.advance(by: 0.3)
        }
        #expect(limiter.rate == 5)
    }

    @Test func aRateChangeIsToldFirstAndThenWhenItHalves() {
        #expect(SendRateChange.isWorthTelling(3.5, after: nil))
        #expect(!SendRateChange.isWorthTelling(2.5, after: 3.5))
        #expect(!SendRateChange.isWorthTelling(7, after: 3.5))
        #expect(SendRateChange.isWorthTelling(1.75, after: 3.5))
        #expect(SendRateChange(service: "EC2", region: "ap-northeast-1", rate: 3.46).description
            == "EC2 throttled in ap-northeast-1, sending at 3.5/s")
        #expect(SendRateChange(service: "EC2", region: "ap-northeast-1", rate: 12.3).description
            == "EC2 throttled in ap-northeast-1, sending at 12/s")
    }
}
