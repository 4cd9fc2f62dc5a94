/// What to do with a payment-provider callback, given the intent it names.
public enum CallbackDecision: Sendable, Hashable {
    /// Record the new payment state.
    case record(PaymentState)
    /// The same outcome is already recorded: answer 200 with `X-Idempotent-Replay: true`.
    case replay(PaymentState)
    /// The callback cannot be accepted.
    case refuse(Problem)
}

/// The callback rules as a pure function: an outcome is recorded once and never changes, so
/// the provider's retries are harmless and a contradicting callback is refused.
public enum CallbackEvaluation {
    public static func decide(callback: PaymentCallback, intentAmount: Int64, intentCurrency: String,
                              current: PaymentState) -> CallbackDecision {
        guard callback.amount == intentAmount, callback.currency == intentCurrency else {
            return .refuse(Problem(.callbackMismatch, detail: "the intent is \(intentAmount) \(intentCurrency)"))
        }
        let reported = callback.outcome.paymentState
        switch current {
        case .pending: return .record(reported)
        case reported: return .replay(reported)
        default:
            return .refuse(Problem(.callbackConflict, detail: "the payment is already \(current.rawValue)"))
        }
    }
}
