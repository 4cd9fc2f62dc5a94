import Ticketing

/// Every Redis key public-api uses, in one place. Identifiers are validated before they get here,
/// so the ':' separator can never be forged by a client.
enum RedisKeys {
    /// INCR counter: the last position handed out in the event's waiting room (expires when
    /// no token it numbered can still be valid).
    static func roomCounter(_ eventId: String) -> String { "room:\(eventId):seq" }
    /// When the event's waiting room opens (Unix milliseconds): the event's sale start, copied
    /// from PostgreSQL with a TTL.
    static func roomOpenedAt(_ eventId: String) -> String { "room:\(eventId):opened" }
    /// The live hold of a seat: `holdId` as value, PX = the hold's TTL.
    static func hold(_ eventId: String, _ seatId: String) -> String {
        SeatHoldKeys.redisKey(eventId: eventId, seatId: seatId)
    }
    /// The cached summary JSON of a section.
    static func summary(_ eventId: String, _ section: String) -> String { "summary:\(eventId):\(section)" }
    /// The cached seat map JSON of an event.
    static func seats(_ eventId: String) -> String { "seats:\(eventId)" }
}
