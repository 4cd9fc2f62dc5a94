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
/// the provider's retries are harmless and a contradicting callback is refused. An approval for
/// an intent that can no longer buy its seats is recorded as `refund-due`.
public enum CallbackEvaluation {
    /// - Parameter orderable: the intent has not expired and no order was rejected for it.
    public static func decide(callback: PaymentCallback, intentAmount: Int64, intentCurrency: String,
                              current: PaymentState, orderable: Bool = true) -> CallbackDecision {
        guard callback.amount == intentAmount, callback.currency == intentCurrency else {
            return .refuse(Problem(.callbackMismatch, detail: "the intent is \(intentAmount) \(intentCurrency)"))
        }
        let reported = callback.outcome.paymentState
        switch current {
        case .pending: return .record(reported == .approved && !orderable ? .refundDue : reported)
        case reported: return .replay(reported)
        case .refundDue where reported == .approved: return .replay(.refundDue)
        default:
            return .refuse(Problem(.callbackConflict, detail: "the payment is already \(current.rawValue)"))
        }
    }
}
