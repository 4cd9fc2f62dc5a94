import FoundationEssentials
import Logging
import RedisClient
import ServiceRuntime
import Ticketing

/// Removes the holds a sale consumed (or the sweep expired) from Redis and DynamoDB, each only
/// while it still is that hold. Best effort: PostgreSQL already decided the seat, so a hold left
/// behind only lingers until its TTL and can never sell the seat again.
struct HoldRelease: Sendable {
    let redis: RedisConnectionPool
    let locks: SeatLockTable
    let logger: Logger

    func release(eventId: String, holds: [ConsumedHold]) async {
        for hold in holds {
            let holdId = hold.holdId.uuidString.lowercased()
            do {
                _ = try await redis.compareAndDelete(SeatHoldKeys.redisKey(eventId: eventId, seatId: hold.seatId),
                                                     token: holdId)
                try await locks.release(eventId: eventId, seatId: hold.seatId, holdId: holdId)
            } catch {
                logger.warning("could not release a consumed hold; it lapses by TTL",
                               metadata: ["seat": "\(hold.seatId)", "error": "\(error)"])
            }
        }
    }
}
