/// Latencies as counts in fixed log-linear buckets of whole microseconds, so shards' figures
/// merge exactly (bucket counts add) and percentiles come from the merged counts instead of
/// from raw samples no single process holds.
///
/// Below 256 µs every microsecond is a bucket; above, each power of two is split into 128
/// equal buckets. A percentile is reported as its bucket's midpoint, which lies within
/// `max(0.5 µs, value / 256)` of the nearest-rank sample itself.
public struct LatencyHistogram: Sendable, Equatable, Codable {
    /// Samples per bucket index (only buckets that saw a sample).
    public private(set) var counts: [Int: Int] = [:]

    /// Names the bucket layout in the JSON, so files of a different layout refuse to merge.
    public static let scheme = "log-linear-us-128"
    /// The bound on a reported percentile's error relative to the sample at that rank (above 0.5 µs).
    public static let relativePrecision = 1.0 / 256
    static let subBucketBits = 7
    static let subBuckets = 1 << subBucketBits
    /// 2^40 µs (about 12.7 days): anything longer is clamped, and none is that long.
    static let largestMicros: UInt64 = 1 << 40

    public init() {}

    public var total: Int { counts.values.reduce(0, +) }

    public mutating func record(milliseconds: Double) {
        let micros = milliseconds.isFinite && milliseconds > 0
            ? min(UInt64((milliseconds * 1000).rounded(.down)), Self.largestMicros) : 0
        counts[Self.bucket(micros: micros), default: 0] += 1
    }

    public mutating func merge(_ other: LatencyHistogram) {
        counts.merge(other.counts, uniquingKeysWith: +)
    }

    /// Nearest-rank percentile (`fraction` in 0...1) in milliseconds; 0 when empty.
    public func percentile(_ fraction: Double) -> Double {
        let all = total
        guard all > 0 else { return 0 }
        let rank = max(1, Int((fraction * Double(all)).rounded(.up)))
        var seen = 0
        for index in counts.keys.sorted() {
            seen += counts[index]!
            if seen >= rank { return Self.midpointMicros(index) / 1000 }
        }
        return Self.midpointMicros(counts.keys.max()!) / 1000
    }

    static func bucket(micros: UInt64) -> Int {
        guard micros >= UInt64(2 * subBuckets) else { return Int(micros) }
        let exponent = 63 - micros.leadingZeroBitCount
        let shift = exponent - subBucketBits
        let sub = Int((micros >> UInt64(shift)) & UInt64(subBuckets - 1))
        return (shift + 1) * subBuckets + sub
    }

    static func lowerBoundMicros(_ index: Int) -> UInt64 {
        guard index >= 2 * subBuckets else { return UInt64(index) }
        let shift = index / subBuckets - 1
        return UInt64(subBuckets + index % subBuckets) << UInt64(shift)
    }

    static func widthMicros(_ index: Int) -> UInt64 {
        index < 2 * subBuckets ? 1 : 1 << UInt64(index / subBuckets - 1)
    }

    static func midpointMicros(_ index: Int) -> Double {
        Double(lowerBoundMicros(index)) + Double(widthMicros(index)) / 2
    }

    enum CodingKeys: String, CodingKey { case scheme, buckets }

    /// `{"scheme": …, "buckets": [[index, count], …]}`, sorted by index.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.scheme, forKey: .scheme)
        try container.encode(counts.keys.sorted().map { [$0, counts[$0]!] }, forKey: .buckets)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let scheme = try container.decode(String.self, forKey: .scheme)
        guard scheme == Self.scheme else {
            throw DecodingError.dataCorruptedError(forKey: .scheme, in: container,
                                                   debugDescription: "latency scheme \(scheme), expected \(Self.scheme)")
        }
        for pair in try container.decode([[Int]].self, forKey: .buckets) {
            guard pair.count == 2, pair[0] >= 0, pair[1] > 0 else {
                throw DecodingError.dataCorruptedError(forKey: .buckets, in: container,
                                                       debugDescription: "a bucket must be [index, count > 0]")
            }
            counts[pair[0], default: 0] += pair[1]
        }
    }
}
