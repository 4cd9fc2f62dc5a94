/// A payment as clients see it.
public struct PaymentView: Codable, Sendable, Hashable {
    public let paymentId: String
    public let intentId: String
    public let status: PaymentState
    public let amount: Int64
    public let currency: String

    public init(paymentId: String, intentId: String, status: PaymentState, amount: Int64, currency: String) {
        self.paymentId = paymentId
        self.intentId = intentId
        self.status = status
        self.amount = amount
        self.currency = currency
    }
}
