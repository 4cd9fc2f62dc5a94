/// The steps of the seed's purchase scenario, in the order they run. The raw values are the
/// names in result.json and in the failure line, so keep them stable.
public enum ScenarioStep: String, Codable, Sendable, CaseIterable {
    case enter
    case roomStatus = "room-status"
    case summary
    case seats
    case hold
    case paymentIntent = "payment-intent"
    case paymentIntentReplay = "payment-intent-replay"
    case commit
    /// The scenario as the payment provider: the signed approval (or, declined variant, decline).
    case paymentCallback = "payment-callback"
    case status
    case release
    case seatSold = "seat-sold"
    /// Declined variant: the rejected order gave the seat back.
    case seatFreed = "seat-freed"
}
