import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// public-api's PostgreSQL queries: seat counts, the seat map, and the mirror of holds that
/// confirm-api and the worker read.
struct SeatRepository: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// The section's counts by state, or nil when the event has no such section.
    func summary(eventId: String, section: String) async throws -> SeatSummary? {
        let rows = try await client.query("""
            SELECT se.state, count(se.seat_id)::bigint
            FROM sections sc LEFT JOIN seats se ON se.event_id = sc.event_id AND se.section = sc.section
            WHERE sc.event_id = \(eventId) AND sc.section = \(section)
            GROUP BY se.state
            """, logger: logger)
        var found = false
        var counts: [SeatState: Int64] = [:]
        for try await (state, count) in rows.decode((String?, Int64).self) {
            found = true
            if let state, let seatState = SeatState(rawValue: state) { counts[seatState] = count }
        }
        return found ? SeatSummary(eventId: eventId, section: section, counts: counts) : nil
    }

    /// When the event's sale (its waiting room) opens, or nil when there is no such event.
    func saleStart(eventId: String) async throws -> Date? {
        let rows = try await client.query("SELECT sale_starts_at FROM events WHERE event_id = \(eventId)", logger: logger)
        for try await start in rows.decode(Date.self) { return start }
        return nil
    }

    /// Every seat of the event, or nil when there is no such event.
    func seats(eventId: String) async throws -> [SeatView]? {
        let rows = try await client.query("""
            SELECT seat_id, section, state FROM seats WHERE event_id = \(eventId) ORDER BY seat_id
            """, logger: logger)
        var seats: [SeatView] = []
        for try await (seatId, section, state) in rows.decode((String, String, String).self) {
            seats.append(SeatView(seatId: seatId, section: section, state: SeatState(rawValue: state) ?? .available))
        }
        if seats.isEmpty {
            let events = try await client.query("SELECT 1 FROM events WHERE event_id = \(eventId)", logger: logger)
            for try await _ in events { return [] }
            return nil
        }
        return seats
    }

    enum HoldOutcome { case recorded, seatSold, seatNotFound, limitReached }

    /// Records a hold Redis and DynamoDB already granted: the seat turns `held` unless it is sold,
    /// and an older active hold of the seat (expired by TTL meanwhile) is marked expired; the
    /// user's active holds in the event must stay within `limit`.
    func recordHold(id: UUID, eventId: String, seatId: String, userId: String, expiresAt: Date,
                    limit: HoldLimit) async throws -> HoldOutcome {
        try await client.withTransaction(logger: logger) { connection in
            let seat = try await connection.query("""
                SELECT state FROM seats WHERE event_id = \(eventId) AND seat_id = \(seatId) FOR UPDATE
                """, logger: logger)
            var state: String?
            for try await (value) in seat.decode(String.self) { state = value }
            guard let state else { return .seatNotFound }
            if state == SeatState.sold.rawValue { return .seatSold }
            guard try await limit.allowsAnother(eventId: eventId, userId: userId, on: connection, logger: logger) else {
                return .limitReached
            }
            try await connection.query("""
                UPDATE holds SET status = 'expired'
                WHERE event_id = \(eventId) AND seat_id = \(seatId) AND status = 'active'
                """, logger: logger)
            try await connection.query("""
                INSERT INTO holds (hold_id, event_id, seat_id, user_id, expires_at)
                VALUES (\(id), \(eventId), \(seatId), \(userId), \(expiresAt))
                """, logger: logger)
            try await connection.query("""
                UPDATE seats SET state = 'held', version = version + 1, updated_at = now()
                WHERE event_id = \(eventId) AND seat_id = \(seatId)
                """, logger: logger)
            return .recorded
        }
    }

    /// Ends an active hold: the hold is released and its seat available again (unless sold).
    /// Whether an active hold was released.
    func releaseHold(id: UUID, eventId: String, seatId: String) async throws -> Bool {
        try await client.withTransaction(logger: logger) { connection in
            let released = try await connection.query("""
                UPDATE holds SET status = 'released'
                WHERE hold_id = \(id) AND event_id = \(eventId) AND seat_id = \(seatId) AND status = 'active'
                RETURNING hold_id
                """, logger: logger)
            var any = false
            for try await _ in released { any = true }
            guard any else { return false }
            try await connection.query("""
                UPDATE seats SET state = 'available', version = version + 1, updated_at = now()
                WHERE event_id = \(eventId) AND seat_id = \(seatId) AND state = 'held'
                """, logger: logger)
            return true
        }
    }

    func ping() async throws {
        let rows = try await client.query("SELECT 1", logger: logger)
        for try await _ in rows {}
    }
}
