import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// At most `maximum` active holds per user and event (`app.maxHoldsPerUser`), so one room token
/// cannot hold a whole section. Counted in the hold's own PostgreSQL transaction under an
/// advisory lock of the (event, user) pair: concurrent holds of one user queue on that lock, so
/// they cannot all see the same count and pass together. Holds past their expiry do not count,
/// even before the sweep marks them expired.
struct HoldLimit: Sendable {
    let maximum: Int

    /// Whether the user may take one more hold in the event; the lock lasts until commit.
    func allowsAnother(eventId: String, userId: String, on connection: PostgresConnection,
                       logger: Logger) async throws -> Bool {
        try await connection.query("""
            SELECT pg_advisory_xact_lock(hashtextextended(\(eventId) || '/' || \(userId), 0))
            """, logger: logger)
        let rows = try await connection.query("""
            SELECT count(*)::bigint FROM holds
            WHERE event_id = \(eventId) AND user_id = \(userId) AND status = 'active' AND expires_at > now()
            """, logger: logger)
        for try await count in rows.decode(Int64.self) { return count < maximum }
        return true
    }

    /// The problem a caller over the limit gets: it names the limit.
    func problem(eventId: String) -> Problem {
        Problem(.holdLimitReached, detail: "at most \(maximum) active holds per user in event \(eventId) "
                + "(app.maxHoldsPerUser); release one or let it expire")
    }
}
