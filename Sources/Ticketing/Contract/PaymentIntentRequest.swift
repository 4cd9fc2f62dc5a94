/// `POST /confirm/payment-intent` (Idempotency-Key required): price the user's held seats.
public struct PaymentIntentRequest: ValidatableRequest, Hashable {
    public static let operation = "createPaymentIntent"

    public let userId: String
    public let eventId: String
    public let seatIds: [String]

    public init(userId: String, eventId: String, seatIds: [String]) {
        self.userId = userId
        self.eventId = eventId
        self.seatIds = seatIds
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case userId, eventId, seatIds }
    public static let fieldNames = CodingKeys.allCases.map(\.rawValue)

    public func validationProblems() -> [FieldProblem] {
        [FieldRules.identifier(userId, field: "userId"), FieldRules.identifier(eventId, field: "eventId")]
            .compactMap { $0 } + FieldRules.seatIds(seatIds)
    }
}
