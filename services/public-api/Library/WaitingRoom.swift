import FoundationEssentials
import RedisClient
import Ticketing

/// The waiting room: positions from one atomic Redis counter per event, admission by the
/// shared `AdmissionSchedule` from the room's opening time (also in Redis, set once), so every
/// task of every region's service answers the same.
final class WaitingRoom: Sendable {
    private let redis: RedisConnectionPool
    private let key: RoomTokenKey
    private let rate: Double
    private let maxAge: TimeInterval
    private let openings = OpeningTimes()

    init(redis: RedisConnectionPool, configuration: PublicAPIConfiguration) {
        self.redis = redis
        self.key = configuration.roomTokenKey
        self.rate = configuration.admissionRatePerSecond
        self.maxAge = configuration.roomTokenMaxAge
    }

    func enter(_ request: EnterRequest, now: Date = Date()) async throws -> EnterResponse {
        let schedule = try await schedule(for: request.eventId, now: now)
        let position = Int64(try await redis.increment(RedisKeys.roomCounter(request.eventId)))
        let token = RoomToken(userId: request.userId, eventId: request.eventId, position: position, issuedAt: now)
        return EnterResponse(roomToken: key.sign(token), position: position,
                             etaSec: schedule.etaSeconds(position: position, at: now))
    }

    /// The token's claims; 400 for a token that is not one, 401 when forged or too old.
    func verify(_ token: String?, now: Date = Date(), field: String) throws -> RoomToken {
        try RoomTokenCheck(key: key, maxAge: maxAge).claims(token, field: field, now: now)
    }

    func status(of token: RoomToken, now: Date = Date()) async throws -> AdmissionStatus {
        try await schedule(for: token.eventId, now: now).status(position: token.position, at: now)
    }

    private func schedule(for eventId: String, now: Date) async throws -> AdmissionSchedule {
        if let opened = openings.get(eventId) { return AdmissionSchedule(ratePerSecond: rate, openedAt: opened) }
        let key = RedisKeys.roomOpenedAt(eventId)
        let nowMilliseconds = Int64(now.timeIntervalSince1970 * 1000)
        try await redis.set(key, to: String(nowMilliseconds), condition: .ifNotExists)
        let stored = try await redis.get(key).flatMap(Int64.init) ?? nowMilliseconds
        let opened = Date(timeIntervalSince1970: Double(stored) / 1000)
        openings.set(eventId, opened)
        return AdmissionSchedule(ratePerSecond: rate, openedAt: opened)
    }
}
