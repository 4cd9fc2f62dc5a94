import FoundationEssentials

/// A payment intent as the worker reads it (row-locked) inside the commit transaction.
public struct IntentSnapshot: Sendable, Hashable {
    public let intentId: String
    public let userId: String
    public let eventId: String
    public let seatIds: [String]
    public let amount: Int64
    public let currency: String
    public let status: PaymentState
    public let expiresAt: Date

    public init(intentId: String, userId: String, eventId: String, seatIds: [String], amount: Int64,
                currency: String, status: PaymentState, expiresAt: Date) {
        self.intentId = intentId
        self.userId = userId
        self.eventId = eventId
        self.seatIds = seatIds
        self.amount = amount
        self.currency = currency
        self.status = status
        self.expiresAt = expiresAt
    }
}

/// A seat as the worker reads it (row-locked), with the user holding it, if any active hold.
public struct SeatSnapshot: Sendable, Hashable {
    public let seatId: String
    public let state: SeatState
    public let holderUserId: String?

    public init(seatId: String, state: SeatState, holderUserId: String?) {
        self.seatId = seatId
        self.state = state
        self.holderUserId = holderUserId
    }
}

/// The worker's decision for one commit message.
public enum CommitVerdict: Sendable, Hashable {
    case confirm
    case reject(RejectionReason)
    /// Everything holds but the payment is still pending: park the commit until the approval
    /// callback or the intent's expiry decides it.
    case awaitPayment
}

/// The worker's business rules (the payment gate among them), as a pure function of what it read under row locks, so the
/// order of checks (and thus the reason a client sees) is fixed and tested without a database.
public enum CommitEvaluation {
    /// - Parameters:
    ///   - intent: the intent named by the payload, nil when absent.
    ///   - seats: the payload's seats that exist (missing ones are simply not in the list).
    ///   - intentAlreadyOrdered: a confirmed order already consumed this intent.
    public static func evaluate(payload: CommitPayload, intent: IntentSnapshot?, seats: [SeatSnapshot],
                                intentAlreadyOrdered: Bool, now: Date) -> CommitVerdict {
        guard let intent else { return .reject(.intentNotFound) }
        guard intent.userId == payload.userId, intent.eventId == payload.eventId,
              Set(intent.seatIds) == Set(payload.seatIds), intent.seatIds.count == payload.seatIds.count else {
            return .reject(.intentMismatch)
        }
        if intent.status == .declined { return .reject(.paymentDeclined) }
        if intent.status == .refundDue { return .reject(.paymentNotApproved) }
        if intentAlreadyOrdered { return .reject(.alreadyOrdered) }
        if now >= intent.expiresAt {
            return .reject(intent.status == .approved ? .intentExpired : .paymentNotApproved)
        }
        let byId = Dictionary(seats.map { ($0.seatId, $0) }, uniquingKeysWith: { first, _ in first })
        for seatId in payload.seatIds {
            guard let seat = byId[seatId], seat.state != .sold else { return .reject(.seatUnavailable) }
        }
        for seatId in payload.seatIds where byId[seatId]?.holderUserId != payload.userId {
            return .reject(.holdMissing)
        }
        // Only an approved payment sells seats; the database refuses any other sale too.
        return intent.status == .approved ? .confirm : .awaitPayment
    }
}
