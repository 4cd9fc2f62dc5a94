import FoundationEssentials
import Ticketing

/// What one commit transaction decided. Every case is final for the message (it is deleted);
/// the holds listed are the ones the sale consumed or the rejection freed, to be removed from
/// Redis and DynamoDB.
enum CommitOutcome: Sendable, Hashable {
    /// The seats are sold to this order.
    case confirmed(orderId: UUID, holds: [ConsumedHold])
    /// Recorded as a rejected order with its reason; a payment rejection frees the user's holds.
    case rejected(orderId: UUID, reason: RejectionReason, freed: [ConsumedHold])
    /// Valid but unpaid: parked in awaiting_payment until the payment is decided or expires.
    case awaitingPayment
    /// This idem was decided before (a redelivery); `holds` are the confirmed order's, released again.
    case alreadyDecided(holds: [ConsumedHold])
}

/// A hold the worker ended (turned into a sale, or freed by a payment rejection): its seat and
/// id, as public-api stored them.
struct ConsumedHold: Sendable, Hashable {
    let seatId: String
    let holdId: UUID
}
