import FoundationEssentials

/// The stored intent: 201 the first time, 200 with `X-Idempotent-Replay: true` on a replay.
public struct PaymentIntentResponse: Codable, Sendable, Hashable {
    public let intentId: String
    /// In the currency's minor unit.
    public let amount: Int64
    public let currency: String
    public let expiresAt: Date

    public init(intentId: String, amount: Int64, currency: String, expiresAt: Date) {
        self.intentId = intentId
        self.amount = amount
        self.currency = currency
        self.expiresAt = expiresAt
    }
}
