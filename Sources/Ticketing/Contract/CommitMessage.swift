import Crypto
import FoundationEssentials

/// The SQS FIFO contract between confirm-api and confirm-worker. Sent with
/// MessageGroupId = `messageGroupId` (the event and its seat set, below) and
/// MessageDeduplicationId = `idem` (a retried send within SQS's window is dropped; the queue
/// deduplicates per group, and a commit's resends share its group).
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

    /// `<eventId>.<16 hex digits of SHA-256 over the event and the sorted, distinct seat ids>`.
    ///
    /// Why not the event: a sale is usually one event, and FIFO hands out one group's messages
    /// one batch at a time, so every commit of the sale was decided in a single line however many
    /// workers ran. Only commits that share a seat can conflict; commits of other seats need no
    /// order between them, so each seat set gets its own group and the sale spreads over as many
    /// groups as it has orders (and over the queue's partitions in high-throughput mode).
    ///
    /// What stays together: every send of one commit (the first send, its payment wake-up, a
    /// DLQ redrive) and any commits of exactly the same seats — these keep their order. Commits
    /// whose seat sets only overlap ({A,B} and {B,C}) can be decided side by side: no key can
    /// keep all overlapping sets together short of one group per event, since overlap chains
    /// (A-B, B-C, C-D …) join every seat. That is safe because the queue was never the guard
    /// against double sale — the database is: the transaction locks its seat rows `FOR UPDATE`
    /// in seat order (no deadlock between overlapping sets), sells a seat only to the user whose
    /// live hold it is, and `order_seats` is keyed by (event, seat). Of two overlapping commits
    /// the first to lock wins and the other is rejected (`seat-unavailable` / `hold-missing`);
    /// the outcome does not depend on their order, because a seat's live hold belongs to one user.
    public var messageGroupId: String {
        let seats = Set(payload.seatIds).sorted().joined(separator: "\n")
        let digest = SHA256.hash(data: Data((payload.eventId + "\n" + seats).utf8)).lowercaseHex
        return payload.eventId + "." + digest.prefix(16)
    }
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
