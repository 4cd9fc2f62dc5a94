import FoundationEssentials
import Logging
import RedisClient
import Ticketing

/// Section summaries, cache-first: this process (≈1 s), then Redis (2 s), then PostgreSQL.
/// One loader per key at a time: concurrent misses wait for the same load instead of
/// stampeding Redis and the database.
actor SummaryCache {
    /// Encoded summary JSON (the response body), or nil for "no such section".
    typealias Entry = Data?

    private struct Stored {
        let body: Entry
        let until: ContinuousClock.Instant
    }

    private let redis: RedisConnectionPool
    private let repository: SeatRepository
    private let localTTL: Duration
    private let redisTTLMilliseconds: Int
    private let logger: Logger
    private var stored: [String: Stored] = [:]
    private var loading: [String: Task<Entry, any Error>] = [:]
    /// How many times PostgreSQL was asked, per key (the single-flight test reads it).
    private var databaseLoads: [String: Int] = [:]

    init(redis: RedisConnectionPool, repository: SeatRepository, localTTL: Duration, redisTTLMilliseconds: Int,
         logger: Logger) {
        self.redis = redis
        self.repository = repository
        self.localTTL = localTTL
        self.redisTTLMilliseconds = redisTTLMilliseconds
        self.logger = logger
    }

    func summary(eventId: String, section: String) async throws -> Entry {
        let key = RedisKeys.summary(eventId, section)
        let now = ContinuousClock.now
        if let hit = stored[key], hit.until > now { return hit.body }
        if let running = loading[key] { return try await running.value }
        let task = Task { try await self.load(key: key, eventId: eventId, section: section) }
        loading[key] = task
        defer { loading[key] = nil }
        let body = try await task.value
        stored[key] = Stored(body: body, until: ContinuousClock.now.advanced(by: localTTL))
        if stored.count > 10_000 { stored = stored.filter { $0.value.until > now } }
        return body
    }

    /// Redis, then PostgreSQL (writing the result back to Redis). "No such section" is not
    /// cached in Redis, so a section created later shows up at once.
    private func load(key: String, eventId: String, section: String) async throws -> Entry {
        if let cached = try await redis.getBytes(key) {
            return Data(buffer: cached)
        }
        databaseLoads[key, default: 0] += 1
        guard let summary = try await repository.summary(eventId: eventId, section: section) else { return nil }
        let body = try JSONCoding.makeEncoder().encode(summary)
        try await redis.set(key, to: String(decoding: body, as: UTF8.self),
                            expiration: .milliseconds(redisTTLMilliseconds))
        return body
    }

    func databaseLoads(eventId: String, section: String) -> Int {
        databaseLoads[RedisKeys.summary(eventId, section)] ?? 0
    }

    /// Forgets a section locally (after this process changed it).
    func invalidate(eventId: String, section: String) {
        stored[RedisKeys.summary(eventId, section)] = nil
    }
}
