/// One seat and its state, as listed by `GET /public/seats/{eventId}`.
public struct SeatView: Codable, Sendable, Hashable {
    public let seatId: String
    public let section: String
    public let state: SeatState

    public init(seatId: String, section: String, state: SeatState) {
        self.seatId = seatId
        self.section = section
        self.state = state
    }
}
