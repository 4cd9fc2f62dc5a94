/// The answer to a recorded callback: the intent's payment state after it.
public struct PaymentCallbackResponse: Codable, Sendable, Hashable {
    public let intentId: String
    public let paymentStatus: PaymentState

    public init(intentId: String, paymentStatus: PaymentState) {
        self.intentId = intentId
        self.paymentStatus = paymentStatus
    }
}
