import FoundationEssentials

/// The answer to a won hold: its id (needed to release it) and when it lapses.
public struct HoldResponse: Codable, Sendable, Hashable {
    public let holdId: String
    public let expiresAt: Date

    public init(holdId: String, expiresAt: Date) {
        self.holdId = holdId
        self.expiresAt = expiresAt
    }
}
