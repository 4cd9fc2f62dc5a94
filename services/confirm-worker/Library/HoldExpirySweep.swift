import FoundationEssentials
import Logging
import PostgresNIO
import ServiceLifecycle
import Ticketing

/// Frees the seats of holds that lapsed by TTL: Redis and DynamoDB forget a hold by themselves,
/// PostgreSQL would keep the seat `held` (and the summary and seat map with it) until the next
/// hold of that seat. Every `interval` it marks lapsed active holds `expired` and their seats
/// `available`, a bounded batch per transaction, then removes what is left of them in Redis and
/// DynamoDB. Rows another transaction has locked (a hold or commit in progress, another
/// worker's sweep) are skipped (SKIP LOCKED), so any number of workers sweep side by side
/// without waiting on each other or on a sale.
public struct HoldExpirySweep: Service {
    let client: PostgresClient
    let holds: HoldRelease
    let limits: TransactionLimits
    let interval: Duration
    let batchSize: Int
    let logger: Logger

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                while try await sweepOnce() == batchSize, !Task.isShuttingDownGracefully {}
            } catch {
                logger.warning("hold expiry sweep failed; trying again", metadata: ["error": "\(error)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
        }
    }

    /// One batch; how many holds it expired.
    @discardableResult
    public func sweepOnce() async throws -> Int {
        let expired = try await client.withTransaction(logger: logger) { connection in
            try await limits.apply(on: connection, logger: logger)
            let rows = try await connection.query("""
                WITH lapsed AS (
                    SELECT h.hold_id, h.event_id, h.seat_id
                    FROM holds h JOIN seats s ON s.event_id = h.event_id AND s.seat_id = h.seat_id
                    WHERE h.status = 'active' AND h.expires_at <= now()
                    ORDER BY h.expires_at
                    LIMIT \(batchSize)
                    FOR UPDATE OF h, s SKIP LOCKED
                ), expired AS (
                    UPDATE holds SET status = 'expired' FROM lapsed
                    WHERE holds.hold_id = lapsed.hold_id
                    RETURNING holds.hold_id, holds.event_id, holds.seat_id
                ), freed AS (
                    UPDATE seats SET state = 'available', version = version + 1, updated_at = now()
                    FROM expired
                    WHERE seats.event_id = expired.event_id AND seats.seat_id = expired.seat_id AND seats.state = 'held'
                    RETURNING seats.seat_id
                )
                SELECT hold_id, event_id, seat_id FROM expired
                """, logger: logger)
            var expired: [String: [ConsumedHold]] = [:]
            for try await (holdId, eventId, seatId) in rows.decode((UUID, String, String).self) {
                expired[eventId, default: []].append(ConsumedHold(seatId: seatId, holdId: holdId))
            }
            return expired
        }
        for (eventId, lapsed) in expired { await holds.release(eventId: eventId, holds: lapsed) }
        let count = expired.values.reduce(0) { $0 + $1.count }
        if count > 0 { logger.info("expired lapsed holds", metadata: ["holds": "\(count)"]) }
        return count
    }
}
