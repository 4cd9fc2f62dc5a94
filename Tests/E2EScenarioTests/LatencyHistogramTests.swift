import Foundation
import Testing
@testable import E2EScenario

/// Shards' latency histograms merge exactly, and percentiles from them stay within the stated
/// precision of the raw samples' nearest-rank percentiles.
struct LatencyHistogramTests {
    /// Latencies from sub-microsecond to tens of seconds, deterministic per seed.
    static func samples(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let unit = Double(state >> 11) / Double(1 << 53)
            return 0.0005 * pow(10, unit * 8)  // 0.5 µs … 50 s, log-uniform
        }
    }

    static func histogram(_ values: [Double]) -> LatencyHistogram {
        var histogram = LatencyHistogram()
        values.forEach { histogram.record(milliseconds: $0) }
        return histogram
    }

    static func nearestRank(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        return sorted[max(1, Int((fraction * Double(sorted.count)).rounded(.up))) - 1]
    }

    @Test func mergingTwoShardsEqualsTheHistogramOfAllSamples() {
        let first = Self.samples(5_000, seed: 1)
        let second = Self.samples(3_000, seed: 2) + [0, 0.0001, 0.256, 120_000]
        var merged = Self.histogram(first)
        merged.merge(Self.histogram(second))
        #expect(merged == Self.histogram(first + second))
        #expect(merged.total == first.count + second.count)
    }

    @Test(arguments: [0.5, 0.9, 0.95, 0.99, 0.999, 1.0])
    func percentilesStayWithinThePrecision(_ fraction: Double) {
        let all = Self.samples(5_000, seed: 1) + Self.samples(3_000, seed: 2)
        var merged = Self.histogram(Array(all.prefix(5_000)))
        merged.merge(Self.histogram(Array(all.dropFirst(5_000))))
        let exact = Self.nearestRank(all, fraction)
        let reported = merged.percentile(fraction)
        let allowed = max(0.0005, exact * LatencyHistogram.relativePrecision)
        #expect(abs(reported - exact) <= allowed, "p\(fraction): \(reported) ms vs \(exact) ms")
    }

    @Test func everyBucketIsContiguousAndNarrowerThanItsPrecision() {
        for index in 0..<(40 * LatencyHistogram.subBuckets) {
            let lower = LatencyHistogram.lowerBoundMicros(index)
            let width = LatencyHistogram.widthMicros(index)
            #expect(LatencyHistogram.bucket(micros: lower) == index)
            #expect(LatencyHistogram.bucket(micros: lower + width - 1) == index)
            #expect(LatencyHistogram.lowerBoundMicros(index + 1) == lower + width)
            #expect(lower < 256 || Double(width) / 2 <= Double(lower) * LatencyHistogram.relativePrecision)
        }
    }

    @Test func emptyHistogramReportsZero() {
        #expect(LatencyHistogram().percentile(0.99) == 0)
    }
}
