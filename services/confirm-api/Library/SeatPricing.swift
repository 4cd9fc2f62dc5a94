import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// Prices seats from PostgreSQL (section price × seat, in the event's currency). The database
/// is the only source of prices, so a client can never name its own amount.
struct SeatPricing: Sendable {
    struct Quote: Sendable, Hashable {
        let amount: Int64
        let currency: String
    }

    let client: PostgresClient
    let logger: Logger

    /// The total for `seatIds`; 404 for an unknown event or seat, 409 when a seat is sold.
    func quote(eventId: String, seatIds: [String]) async throws -> Quote {
        let rows = try await client.query("""
            SELECT se.seat_id, se.state, sc.price_minor, e.currency::text
            FROM events e
            JOIN seats se ON se.event_id = e.event_id
            JOIN sections sc ON sc.event_id = se.event_id AND sc.section = se.section
            WHERE e.event_id = \(eventId) AND se.seat_id = ANY(\(seatIds))
            """, logger: logger)
        var found: [String: (state: String, price: Int64)] = [:]
        var currency: String?
        for try await (seatId, state, price, code) in rows.decode((String, String, Int64, String).self) {
            found[seatId] = (state, price)
            currency = code
        }
        guard let currency else {
            guard try await eventExists(eventId) else { throw Problem(.eventNotFound, detail: "no event \(eventId)") }
            throw Problem(.seatNotFound, detail: "event \(eventId) has no seat \(seatIds[0])")
        }
        if let missing = seatIds.first(where: { found[$0] == nil }) {
            throw Problem(.seatNotFound, detail: "event \(eventId) has no seat \(missing)")
        }
        if let sold = seatIds.first(where: { found[$0]?.state == SeatState.sold.rawValue }) {
            throw Problem(.seatUnavailable, detail: "seat \(sold) is sold")
        }
        return Quote(amount: seatIds.reduce(Int64(0)) { $0 + (found[$1]?.price ?? 0) }, currency: currency)
    }

    private func eventExists(_ eventId: String) async throws -> Bool {
        let rows = try await client.query("SELECT 1 FROM events WHERE event_id = \(eventId)", logger: logger)
        for try await _ in rows { return true }
        return false
    }
}
