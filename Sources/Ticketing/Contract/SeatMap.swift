/// `GET /public/seats/{eventId}`: every seat of the event.
public struct SeatMap: Codable, Sendable, Hashable {
    public let eventId: String
    public let seats: [SeatView]

    public init(eventId: String, seats: [SeatView]) {
        self.eventId = eventId
        self.seats = seats
    }
}
