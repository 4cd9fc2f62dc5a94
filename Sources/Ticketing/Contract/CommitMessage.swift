import Crypto
import FoundationEssentials

/// The SQS FIFO contract between confirm-api and confirm-worker. Sent with
/// MessageGroupId = `payload.eventId` (orders of one event are processed in order) and
/// MessageDeduplicationId = `idem` (a retried send within SQS's window is dropped).
public struct CommitMessage: Codable, Sendable, Hashable {
    public let idem: String
    public let payload: CommitPayload

    public init(idem: String, payload: CommitPayload) {
        self.idem = idem
        self.payload = payload
    }

    public init(idem: String, request: CommitRequest) {
        self.init(idem: idem, payload: CommitPayload(
            intentId: request.intentId, eventId: request.eventId, seatIds: request.seatIds, userId: request.userId))
    }

    public var messageGroupId: String { payload.eventId }
    public var messageDeduplicationId: String { idem }
    /// The same commit sent again when its payment is decided: SQS must not drop it as a
    /// duplicate of the first send (its five-minute window may still be open).
    public var paymentDecidedDeduplicationId: String {
        SHA256.hash(data: Data(("payment-decided\n" + idem).utf8)).lowercaseHex
    }

    /// The problems that make a received message poison (it can never succeed).
    public func validationProblems() -> [FieldProblem] {
        [FieldRules.idempotencyKey(idem, field: "idem"), FieldRules.serverId(payload.intentId, field: "payload.intentId"),
         FieldRules.identifier(payload.eventId, field: "payload.eventId"),
         FieldRules.identifier(payload.userId, field: "payload.userId")].compactMap { $0 }
            + FieldRules.seatIds(payload.seatIds, field: "payload.seatIds")
    }
}

/// What the worker needs to turn an intent into an order.
public struct CommitPayload: Codable, Sendable, Hashable {
    public let intentId: String
    public let eventId: String
    public let seatIds: [String]
    public let userId: String

    public init(intentId: String, eventId: String, seatIds: [String], userId: String) {
        self.intentId = intentId
        self.eventId = eventId
        self.seatIds = seatIds
        self.userId = userId
    }
}
