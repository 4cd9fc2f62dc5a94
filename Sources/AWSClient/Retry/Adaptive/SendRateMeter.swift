#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The measured rate of answers, as the SDKs' adaptive mode keeps it (botocore `RateClocker`):
/// answers are counted in half-second buckets and each closed bucket's rate is blended into an
/// exponential average, so one burst does not swing the figure a throttle is measured against.
struct SendRateMeter: Sendable {
    static let bucketSeconds = 0.5
    static let smoothing = 0.8

    /// Calls per second, smoothed.
    private(set) var rate: Double = 0
    private var count = 0
    private var bucketStart: Double

    init(now: Double) {
        bucketStart = Self.bucket(of: now)
    }

    /// Counts one answer at `now`; returns the (possibly updated) rate.
    mutating func record(at now: Double) -> Double {
        count += 1
        let bucket = Self.bucket(of: now)
        if bucket > bucketStart {
            let current = Double(count) / (bucket - bucketStart)
            rate = current * Self.smoothing + rate * (1 - Self.smoothing)
            count = 0
            bucketStart = bucket
        }
        return rate
    }

    private static func bucket(of time: Double) -> Double {
        floor(time / bucketSeconds) * bucketSeconds
    }
}
