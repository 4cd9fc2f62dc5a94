#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The send-rate curve of the SDKs' adaptive mode (botocore `CubicCalculator`, after TCP CUBIC):
/// a throttle cuts the rate to `beta` × the rate it happened at; successes then grow it back
/// along a cubic that is flat near that rate (probing carefully where trouble was) and steep
/// far from it (recovering fast once the service is fine again).
struct CubicRateAdjuster: Sendable {
    static let scale = 0.4
    static let beta = 0.7

    /// The rate at the last throttle (calls per second).
    private(set) var lastMaxRate: Double
    /// When the last throttle happened (seconds on the limiter's clock).
    private(set) var lastThrottle: Double
    /// Seconds after a throttle at which the curve is back at `lastMaxRate`.
    private var inflection: Double

    init(startingMaxRate: Double, now: Double) {
        lastMaxRate = startingMaxRate
        lastThrottle = now
        inflection = Self.inflection(for: startingMaxRate)
    }

    /// The rate the curve allows at `now`, after a success.
    func rateAfterSuccess(at now: Double) -> Double {
        let elapsed = now - lastThrottle - inflection
        return Self.scale * elapsed * elapsed * elapsed + lastMaxRate
    }

    /// Records a throttle at `rate` (what was being sent) and returns the cut rate.
    mutating func rateAfterThrottle(at now: Double, sending rate: Double) -> Double {
        lastMaxRate = rate
        lastThrottle = now
        inflection = Self.inflection(for: rate)
        return rate * Self.beta
    }

    private static func inflection(for maxRate: Double) -> Double {
        cbrt(maxRate * (1 - beta) / scale)
    }
}
