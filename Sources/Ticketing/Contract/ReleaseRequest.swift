/// `POST /public/release`: give a hold back; holdId proves the caller is the holder.
public struct ReleaseRequest: ValidatableRequest, Hashable {
    public let eventId: String
    public let seatId: String
    public let holdId: String

    public init(eventId: String, seatId: String, holdId: String) {
        self.eventId = eventId
        self.seatId = seatId
        self.holdId = holdId
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case eventId, seatId, holdId }
    public static let fieldNames = CodingKeys.allCases.map(\.rawValue)

    public func validationProblems() -> [FieldProblem] {
        [FieldRules.identifier(eventId, field: "eventId"), FieldRules.identifier(seatId, field: "seatId"),
         FieldRules.serverId(holdId, field: "holdId")].compactMap { $0 }
    }
}
