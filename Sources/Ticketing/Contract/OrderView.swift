import FoundationEssentials

/// An order as clients see it: `pending` until the worker decided, then confirmed or rejected
/// (with the reason). orderId exists once decided.
public struct OrderView: Codable, Sendable, Hashable {
    public let status: OrderState
    public let orderId: String?
    public let intentId: String
    public let eventId: String
    public let userId: String
    public let seatIds: [String]
    public let reason: RejectionReason?
    public let updatedAt: Date?

    public init(status: OrderState, orderId: String?, intentId: String, eventId: String, userId: String,
                seatIds: [String], reason: RejectionReason?, updatedAt: Date?) {
        self.status = status
        self.orderId = orderId
        self.intentId = intentId
        self.eventId = eventId
        self.userId = userId
        self.seatIds = seatIds
        self.reason = reason
        self.updatedAt = updatedAt
    }
}
