/// The payment outcome of an intent (and of its payment row): pending until the provider's
/// callback approves or declines it. An outcome, once recorded, never changes. An approval that
/// arrives when the intent can no longer buy its seats (expired, or its order already rejected)
/// is recorded as `refund-due`: the money was taken and is owed back.
public enum PaymentState: String, Codable, Sendable, CaseIterable {
    case pending, approved, declined
    case refundDue = "refund-due"
}

/// What a provider callback reports.
public enum CallbackOutcome: String, Codable, Sendable, CaseIterable {
    case approved, declined

    public var paymentState: PaymentState {
        switch self {
        case .approved: .approved
        case .declined: .declined
        }
    }
}
