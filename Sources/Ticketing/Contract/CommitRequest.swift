/// `POST /confirm/commit` (Idempotency-Key required): turn an intent into an order, asynchronously.
public struct CommitRequest: ValidatableRequest, Hashable {
    public static let operation = "commitOrder"

    public let intentId: String
    public let eventId: String
    public let seatIds: [String]
    public let userId: String

    public init(intentId: String, eventId: String, seatIds: [String], userId: String) {
        self.intentId = intentId
        self.eventId = eventId
        self.seatIds = seatIds
        self.userId = userId
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case intentId, eventId, seatIds, userId }
    public static let fieldNames = CodingKeys.allCases.map(\.rawValue)

    public func validationProblems() -> [FieldProblem] {
        [FieldRules.serverId(intentId, field: "intentId"), FieldRules.identifier(eventId, field: "eventId")]
            .compactMap { $0 } + FieldRules.seatIds(seatIds)
            + [FieldRules.identifier(userId, field: "userId")].compactMap { $0 }
    }
}
