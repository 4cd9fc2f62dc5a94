/// The payment outcome of an intent (and of its payment row): pending until the provider's
/// callback approves or declines it. An outcome, once recorded, never changes.
public enum PaymentState: String, Codable, Sendable, CaseIterable {
    case pending, approved, declined
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
