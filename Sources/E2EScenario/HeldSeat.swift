import Foundation

/// The seat the scenario won and the hold id that proves it (needed to release it).
public struct HeldSeat: Sendable, Hashable {
    public let seatId: String
    public let holdId: String
    public let expiresAt: Date
}
