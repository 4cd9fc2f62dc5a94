/// Why the worker rejected a commit. A rejection is a business outcome: it is recorded as a
/// rejected order and the message is deleted, never retried.
public enum RejectionReason: String, Codable, Sendable, CaseIterable {
    case intentNotFound = "intent-not-found"
    case intentExpired = "intent-expired"
    case intentMismatch = "intent-mismatch"
    case paymentDeclined = "payment-declined"
    /// No approval arrived before the intent (and so the hold) expired.
    case paymentNotApproved = "payment-not-approved"
    case holdMissing = "hold-missing"
    case seatUnavailable = "seat-unavailable"
    case alreadyOrdered = "already-ordered"
    /// The commit failed on every receive the queue allows (maxReceiveCount) and goes to the
    /// dead-letter queue; an operator's redrive decides it again.
    case processingFailed = "processing-failed"
}
