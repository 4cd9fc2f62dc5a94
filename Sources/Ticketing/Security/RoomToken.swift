import FoundationEssentials

/// What a room token proves: this user holds this place in this event's waiting room since
/// issuedAt. Carried signed (see `RoomTokenKey`), so public-api needs no lookup to check it.
public struct RoomToken: Codable, Sendable, Hashable {
    public let userId: String
    public let eventId: String
    /// 1-based place in the queue.
    public let position: Int64
    /// Unix seconds.
    public let issuedAt: Int64

    public init(userId: String, eventId: String, position: Int64, issuedAt: Int64) {
        self.userId = userId
        self.eventId = eventId
        self.position = position
        self.issuedAt = issuedAt
    }

    public init(userId: String, eventId: String, position: Int64, issuedAt: Date) {
        self.init(userId: userId, eventId: eventId, position: position,
                  issuedAt: Int64(issuedAt.timeIntervalSince1970.rounded(.down)))
    }

    public static let headerName = "x-room-token"
}
