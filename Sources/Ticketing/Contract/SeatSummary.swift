/// `GET /public/summary/{eventId}/{section}`: the section's seat counts by state.
public struct SeatSummary: Codable, Sendable, Hashable {
    public let eventId: String
    public let section: String
    public let available: Int64
    public let held: Int64
    public let sold: Int64

    public init(eventId: String, section: String, available: Int64, held: Int64, sold: Int64) {
        self.eventId = eventId
        self.section = section
        self.available = available
        self.held = held
        self.sold = sold
    }

    /// Builds the summary from `state → count` rows; states without rows count zero.
    public init(eventId: String, section: String, counts: [SeatState: Int64]) {
        self.init(eventId: eventId, section: section, available: counts[.available] ?? 0,
                  held: counts[.held] ?? 0, sold: counts[.sold] ?? 0)
    }
}
