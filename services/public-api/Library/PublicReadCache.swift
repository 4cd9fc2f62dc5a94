import Crypto
import FoundationEssentials
import Logging
import RedisClient
import Ticketing

/// The public reads' response bodies (section summaries, seat maps), cache-first: this process
/// (≈1 s), then Redis (2 s), then the loader (PostgreSQL). One loader per key at a time:
/// concurrent misses wait for the same load instead of stampeding Redis and the database, so a
/// sale's polls cost PostgreSQL one query per key every couple of seconds whatever their rate.
/// Staleness is bounded by the two TTLs (plus the edge's `s-maxage`); nothing invalidates.
actor PublicReadCache {
    /// A response body with its strong ETag (computed once per load, not per request).
    struct Body: Sendable {
        let bytes: Data
        let etag: String

        init(_ bytes: Data) {
            self.bytes = bytes
            etag = "\"" + SHA256.hash(data: bytes).prefix(8).lowercaseHex + "\""
        }
    }

    /// The body, or nil for "not found".
    typealias Entry = Body?

    private struct Stored {
        let body: Entry
        let until: ContinuousClock.Instant
    }

    private let redis: RedisConnectionPool
    private let localTTL: Duration
    private let redisTTLMilliseconds: Int
    private var stored: [String: Stored] = [:]
    private var loading: [String: Task<Entry, any Error>] = [:]
    /// How many times the loader ran, per key (the single-flight tests read it).
    private var loads: [String: Int] = [:]

    init(redis: RedisConnectionPool, localTTL: Duration, redisTTLMilliseconds: Int) {
        self.redis = redis
        self.localTTL = localTTL
        self.redisTTLMilliseconds = redisTTLMilliseconds
    }

    /// The body under the Redis key `key`; `load` encodes it from the database, nil for "not
    /// found" (never cached in Redis, so a section or event created later shows up at once).
    func body(key: String, load: @escaping @Sendable () async throws -> Data?) async throws -> Entry {
        let now = ContinuousClock.now
        if let hit = stored[key], hit.until > now { return hit.body }
        if let running = loading[key] { return try await running.value }
        let task = Task { try await self.fetch(key: key, load: load) }
        loading[key] = task
        defer { loading[key] = nil }
        let body = try await task.value
        stored[key] = Stored(body: body, until: ContinuousClock.now.advanced(by: localTTL))
        if stored.count > 10_000 { stored = stored.filter { $0.value.until > now } }
        return body
    }

    /// Redis, then the loader (writing its result back to Redis).
    private func fetch(key: String, load: @Sendable () async throws -> Data?) async throws -> Entry {
        if let cached = try await redis.getBytes(key) {
            return Body(Data(buffer: cached))
        }
        loads[key, default: 0] += 1
        guard let bytes = try await load() else { return nil }
        try await redis.set(key, to: String(decoding: bytes, as: UTF8.self), expiration: .milliseconds(redisTTLMilliseconds))
        return Body(bytes)
    }

    func loadCount(key: String) -> Int {
        loads[key] ?? 0
    }
}
