/// Where a seat's hold lives in the two hold stores. public-api writes holds there, confirm-api
/// checks them when pricing an intent and confirm-worker removes them once the seat is sold, so
/// the three must agree on these names byte for byte. Identifiers are validated before they get
/// here, so the ':' and '#' separators can never be forged by a client.
public enum SeatHoldKeys {
    /// Redis: the live hold, `holdId` as value, PX = the hold's TTL.
    public static func redisKey(eventId: String, seatId: String) -> String { "hold:\(eventId):\(seatId)" }

    /// DynamoDB seat-lock table: the partition key attribute and its value.
    public static let lockKeyAttribute = "seatKey"
    public static func lockKey(eventId: String, seatId: String) -> String { "\(eventId)#\(seatId)" }
    /// The lock item's other attributes: the hold, its owner, and the TTL (Unix seconds).
    public static let holdIdAttribute = "holdId"
    public static let userIdAttribute = "userId"
    public static let expiresAtAttribute = "expiresAt"
}
