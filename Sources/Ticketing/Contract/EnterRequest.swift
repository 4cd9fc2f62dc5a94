/// `POST /public/enter`: take a place in an event's waiting room.
public struct EnterRequest: ValidatableRequest, Hashable {
    public let userId: String
    public let eventId: String

    public init(userId: String, eventId: String) {
        self.userId = userId
        self.eventId = eventId
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case userId, eventId }
    public static let fieldNames = CodingKeys.allCases.map(\.rawValue)

    public func validationProblems() -> [FieldProblem] {
        [FieldRules.identifier(userId, field: "userId"), FieldRules.identifier(eventId, field: "eventId")]
            .compactMap { $0 }
    }
}
