/// Shard `index` of `count` (1-based) of a distributed load run: its share of every step's
/// rate and of the event's seats, so shards on several hosts add up to the plan exactly and
/// never buy the same seat.
public struct LoadShard: Sendable, Equatable, Codable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The whole run in one process.
    public static let whole = LoadShard(uncheckedIndex: 1, count: 1)

    /// The most shards one plan may have.
    public static let maximumCount = 1024

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses `K/N` with 1 <= K <= N <= maximumCount.
    public init(parsing text: String) throws(Invalid) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw Invalid(description: "'\(text)' is not K/N (e.g. 2/4)")
        }
        guard (1...Self.maximumCount).contains(count), (1...count).contains(index) else {
            throw Invalid(description: "'\(text)' needs 1 <= K <= N <= \(Self.maximumCount)")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// This shard's part of `total`: the first `total % count` shards take one more, so the
    /// parts of all shards sum to `total` exactly.
    public func share(of total: Int) -> Int {
        total / count + (index <= total % count ? 1 : 0)
    }

    /// Whether the seat at `position` of the section's seats, sorted by id, is this shard's
    /// (round robin: the partition does not change as seats sell).
    public func owns(position: Int) -> Bool {
        position % count == index - 1
    }
}
