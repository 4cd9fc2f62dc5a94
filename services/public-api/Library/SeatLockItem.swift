import AWSClient
import FoundationEssentials

/// The seat-lock table's item: key `seatKey` (S) = `eventId#seatId`; `expiresAt` (N, Unix
/// seconds) is the table's TTL attribute. The table is the durable second check of a hold.
enum SeatLockItem {
    static let keyAttribute = "seatKey"
    static let ttlAttribute = "expiresAt"

    static func key(_ eventId: String, _ seatId: String) -> [String: JSONValue] {
        [keyAttribute: ["S": .string("\(eventId)#\(seatId)")]]
    }

    static func item(eventId: String, seatId: String, holdId: UUID, userId: String,
                     expiresAt: Date) -> [String: JSONValue] {
        key(eventId, seatId).merging([
            "holdId": ["S": .string(holdId.uuidString.lowercased())],
            "userId": ["S": .string(userId)],
            ttlAttribute: ["N": .string(String(Int64(expiresAt.timeIntervalSince1970.rounded(.up))))],
        ]) { $1 }
    }

    /// A new hold may replace an item only when there is none, or it has lapsed but TTL has
    /// not deleted it yet (that can take hours).
    static let putCondition = "attribute_not_exists(seatKey) OR expiresAt < :now"
    /// Only the holder deletes.
    static let deleteCondition = "holdId = :holdId"
}
