import FoundationEssentials
import RedisClient
import ServiceRuntime
import Ticketing

/// Checks that every seat is held by the user right now, in both stores public-api writes:
/// Redis has the live hold (its TTL is the truth about expiry), DynamoDB says whose it is. Both
/// must name the same hold, so a lapsed hold re-won by someone else never passes for the old one.
struct HoldOwnership: Sendable {
    let redis: RedisConnectionPool
    let locks: SeatLockTable

    /// The earliest expiry among the holds (an intent must not outlive them); 409
    /// hold-not-owned naming the first seat that is not the user's.
    func verify(userId: String, eventId: String, seatIds: [String], now: Date = Date()) async throws -> Date {
        let live = try await redis.get(seatIds.map { SeatHoldKeys.redisKey(eventId: eventId, seatId: $0) })
        let items = try await locks.locks(eventId: eventId, seatIds: seatIds)
        var earliest = Date.distantFuture
        for (index, seatId) in seatIds.enumerated() {
            guard let holdId = live[index], let lock = items[seatId], lock.holdId == holdId,
                  lock.userId == userId, lock.expiresAt > now else {
                throw Problem(.holdNotOwned, detail: "seat \(seatId) is not held by \(userId)")
            }
            // The item's TTL is the hold's end rounded up to a whole second: a second less is never late.
            earliest = min(earliest, lock.expiresAt.addingTimeInterval(-1))
        }
        return earliest
    }
}
