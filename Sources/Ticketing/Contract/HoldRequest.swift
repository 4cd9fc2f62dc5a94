/// `POST /public/hold` (with an admitted `x-room-token`): hold one seat.
public struct HoldRequest: ValidatableRequest, Hashable {
    public let eventId: String
    public let seatId: String

    public init(eventId: String, seatId: String) {
        self.eventId = eventId
        self.seatId = seatId
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case eventId, seatId }
    public static let fieldNames = CodingKeys.allCases.map(\.rawValue)

    public func validationProblems() -> [FieldProblem] {
        [FieldRules.identifier(eventId, field: "eventId"), FieldRules.identifier(seatId, field: "seatId")]
            .compactMap { $0 }
    }
}
