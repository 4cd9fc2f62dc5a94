import FoundationEssentials
import RedisClient
import Ticketing

/// The waiting room: positions from one atomic Redis counter per event, admission by the
/// shared `AdmissionSchedule` from the event's sale start (seeded by db-init from the stack,
/// read from PostgreSQL and shared through Redis), so every task of every region's service
/// answers the same and no caller can open a room early. An unknown event has no room (404).
/// Every room key expires: the opening time after `openingRedisTTL`, the counter once no
/// token it numbered can still be valid.
final class WaitingRoom: Sendable {
    private let redis: RedisConnectionPool
    private let repository: SeatRepository
    private let key: RoomTokenKey
    private let rate: Double
    private let maxAge: TimeInterval
    /// One check for the process, so a token verified once is known on its next request.
    private let roomTokens: RoomTokenCheck
    let openings = OpeningTimes()
    /// How long Redis keeps an opening time read from PostgreSQL.
    static let openingRedisTTL: Duration = .seconds(600)

    init(redis: RedisConnectionPool, repository: SeatRepository, configuration: PublicAPIConfiguration) {
        self.redis = redis
        self.repository = repository
        self.key = configuration.roomTokenKey
        self.rate = configuration.admissionRatePerSecond
        self.maxAge = configuration.roomTokenMaxAge
        roomTokens = RoomTokenCheck(key: configuration.roomTokenKey, maxAge: configuration.roomTokenMaxAge)
    }

    func enter(_ request: EnterRequest, now: Date = Date()) async throws -> EnterResponse {
        let schedule = try await schedule(for: request.eventId, now: now)
        let counter = RedisKeys.roomCounter(request.eventId)
        let replies = try await redis.pipeline([
            RedisCommand("INCR", [.string(counter)]),
            // Refreshed with every entry: the counter outlives the last token it numbered.
            RedisCommand("PEXPIRE", [.string(counter), .integer(Int(maxAge * 1000))]),
        ])
        guard case .integer(let value) = replies.first else {
            throw Problem(.dependencyUnavailable, detail: "Redis answered INCR without a number")
        }
        let position = Int64(value)
        let token = RoomToken(userId: request.userId, eventId: request.eventId, position: position, issuedAt: now)
        return EnterResponse(roomToken: key.sign(token), position: position,
                             etaSec: schedule.etaSeconds(position: position, at: now))
    }

    /// The token's claims; 400 for a token that is not one, 401 when forged or too old.
    func verify(_ token: String?, now: Date = Date(), field: String) throws -> RoomToken {
        try roomTokens.claims(token, field: field, now: now)
    }

    func status(of token: RoomToken, now: Date = Date()) async throws -> AdmissionStatus {
        try await schedule(for: token.eventId, now: now).status(position: token.position, at: now)
    }

    private func schedule(for eventId: String, now: Date) async throws -> AdmissionSchedule {
        AdmissionSchedule(ratePerSecond: rate, openedAt: try await opening(of: eventId))
    }

    /// The event's sale start: this process, then Redis, then PostgreSQL (404 when no such event).
    private func opening(of eventId: String) async throws -> Date {
        if let opened = openings.get(eventId) { return opened }
        let key = RedisKeys.roomOpenedAt(eventId)
        if let stored = try await redis.get(key).flatMap(Int64.init) {
            let opened = Date(timeIntervalSince1970: Double(stored) / 1000)
            openings.set(eventId, opened)
            return opened
        }
        guard let opened = try await repository.saleStart(eventId: eventId) else {
            throw Problem(.eventNotFound, detail: "no event \(eventId)")
        }
        let milliseconds = Int64((opened.timeIntervalSince1970 * 1000).rounded())
        try await redis.set(key, to: String(milliseconds),
                            expiration: .milliseconds(Int(Self.openingRedisTTL.components.seconds) * 1000))
        openings.set(eventId, opened)
        return opened
    }
}
