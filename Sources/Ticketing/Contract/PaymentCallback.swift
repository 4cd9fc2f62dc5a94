/// `POST /confirm/payment-callback`: the provider's outcome for an intent, signed with
/// `Payment-Signature` (see `PaymentSignature`).
public struct PaymentCallback: ValidatableRequest, Hashable {
    public let intentId: String
    /// The provider's own id for the payment.
    public let paymentRef: String
    public let outcome: CallbackOutcome
    public let amount: Int64
    public let currency: String

    public init(intentId: String, paymentRef: String, outcome: CallbackOutcome, amount: Int64, currency: String) {
        self.intentId = intentId
        self.paymentRef = paymentRef
        self.outcome = outcome
        self.amount = amount
        self.currency = currency
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case intentId, paymentRef, outcome, amount, currency }
    public static let fieldNames = CodingKeys.allCases.map(\.rawValue)

    public func validationProblems() -> [FieldProblem] {
        [FieldRules.serverId(intentId, field: "intentId"),
         FieldRules.isURLSafeToken(paymentRef, length: 1...128)
            ? nil : FieldProblem(field: "paymentRef", message: "must be 1-128 letters, digits, '_' or '-'"),
         FieldRules.amount(amount, field: "amount"),
         FieldRules.currency(currency, field: "currency")].compactMap { $0 }
    }
}
