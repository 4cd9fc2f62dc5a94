import Foundation

/// The seat the scenario won, the hold id that proves it (needed to release it) and the room
/// token it was won with (intent and commit must carry the same user's token).
public struct HeldSeat: Sendable, Hashable {
    public let seatId: String
    public let holdId: String
    public let expiresAt: Date
    public let roomToken: String
}
