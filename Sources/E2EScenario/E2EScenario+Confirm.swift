import Foundation
import Ticketing

/// The confirm-api half of the scenario: intent (and its idempotent replay), commit, status.
extension E2EScenario {
    /// The intent and the request and key that created it (the replay repeats both).
    struct CreatedIntent: Sendable {
        let key: String
        let request: PaymentIntentRequest
        let response: PaymentIntentResponse
        let roomToken: String
    }

    func createIntent(for held: HeldSeat) async throws -> StepOutcome<CreatedIntent> {
        let key = Self.idempotencyKey("intent")
        let request = PaymentIntentRequest(userId: settings.userId, eventId: settings.eventId, seatIds: [held.seatId])
        let reply = try await client.post(confirmURL("/confirm/payment-intent"), json: request,
                                          headers: [("Idempotency-Key", key), (RoomToken.headerName, held.roomToken)],
                                          step: .paymentIntent)
        try reply.expect(status: 201, step: .paymentIntent)
        let intent = try reply.decode(PaymentIntentResponse.self, step: .paymentIntent)
        try reply.expect(FieldRules.isServerId(intent.intentId), "a UUID intentId", got: intent.intentId,
                         step: .paymentIntent)
        try reply.expect(intent.amount > 0, "a positive amount", got: "\(intent.amount)", step: .paymentIntent)
        return StepOutcome(CreatedIntent(key: key, request: request, response: intent, roomToken: held.roomToken),
                           detail: "intent \(intent.intentId), \(intent.amount) \(intent.currency)", replies: [reply])
    }

    /// The same key and body again: 200, `X-Idempotent-Replay: true`, the very same intent.
    func replayIntent(_ intent: CreatedIntent) async throws -> StepOutcome<Void> {
        let reply = try await client.post(confirmURL("/confirm/payment-intent"), json: intent.request,
                                          headers: [("Idempotency-Key", intent.key), (RoomToken.headerName, intent.roomToken)],
                                          step: .paymentIntentReplay)
        try reply.expect(status: 200, step: .paymentIntentReplay)
        let replay = reply.header("x-idempotent-replay")
        try reply.expect(replay?.lowercased() == "true", "X-Idempotent-Replay: true",
                         got: replay.map { "X-Idempotent-Replay: \($0)" } ?? "no X-Idempotent-Replay header",
                         step: .paymentIntentReplay)
        let again = try reply.decode(PaymentIntentResponse.self, step: .paymentIntentReplay)
        try reply.expect(again.intentId == intent.response.intentId && again.amount == intent.response.amount,
                         "intent \(intent.response.intentId) for \(intent.response.amount)",
                         got: "intent \(again.intentId) for \(again.amount)", step: .paymentIntentReplay)
        return StepOutcome((), detail: "same intent replayed", replies: [reply])
    }

    func commit(_ intent: CreatedIntent, seat held: HeldSeat) async throws -> StepOutcome<CommitAccepted> {
        let key = Self.idempotencyKey("commit")
        let request = CommitRequest(intentId: intent.response.intentId, eventId: settings.eventId,
                                    seatIds: [held.seatId], userId: settings.userId)
        let reply = try await client.post(confirmURL("/confirm/commit"), json: request,
                                          headers: [("Idempotency-Key", key), (RoomToken.headerName, held.roomToken)],
                                          step: .commit)
        try reply.expect(status: 202, step: .commit)
        let location = try reply.expectHeader("location", step: .commit)
        let expected = CommitAccepted.statusPath(idem: key)
        try reply.expect(location.hasSuffix(expected), "Location ending in \(expected)", got: location, step: .commit)
        let accepted = try reply.decode(CommitAccepted.self, step: .commit)
        try reply.expect(accepted.idem == key, "idem \(key)", got: accepted.idem, step: .commit)
        return StepOutcome(accepted, detail: "accepted, status at \(location)", replies: [reply])
    }

    /// Polls the status URL (with If-None-Match, as a cheap client would) until the worker has
    /// decided; a rejection fails the step with its reason, unless it is the `rejection` expected
    /// (the declined variant), in which case a confirmation fails it.
    func waitUntilConfirmed(_ accepted: CommitAccepted, intent: CreatedIntent,
                            rejection: RejectionReason? = nil) async throws -> StepOutcome<String> {
        guard let url = EndpointPath.resolve(accepted.statusUrl, against: settings.confirmURL) else {
            throw StepFailure(step: .status, expected: "a status URL", got: accepted.statusUrl)
        }
        let deadline = ContinuousClock.now + settings.confirmTimeout
        var replies: [HTTPReply] = []
        var etag: String?
        var last = "no answer"
        while ContinuousClock.now < deadline {
            let reply = try await client.get(url, headers: etag.map { [("If-None-Match", $0)] } ?? [], step: .status)
            replies.append(reply)
            switch reply.status {
            case 304:
                try reply.expect(etag != nil, "no 304 without If-None-Match", got: "304", step: .status)
                last = "304 (unchanged)"
            case 200:
                etag = try reply.expectHeader("etag", step: .status)
                let status = try reply.decode(OrderStatusResponse.self, step: .status)
                let order = status.order
                try reply.expect(order.intentId == intent.response.intentId, "the order of \(intent.response.intentId)",
                                 got: "intent \(order.intentId)", step: .status)
                if let rejection, order.status.isDecided {
                    try reply.expect(order.status == .rejected && order.reason == rejection,
                                     "rejected (\(rejection.rawValue))",
                                     got: "\(order.status.rawValue) (\(order.reason?.rawValue ?? "no reason"))", step: .status)
                    let paid = status.payment.map { ", payment \($0.status.rawValue)" } ?? ""
                    return StepOutcome(order.orderId ?? "", detail: "order rejected (\(rejection.rawValue))\(paid)",
                                       replies: replies)
                }
                switch order.status {
                case .confirmed:
                    guard let orderId = order.orderId else {
                        throw StepFailure(step: .status, expected: "an orderId once confirmed", got: "none", reply: reply)
                    }
                    let paid = status.payment.map { ", payment \($0.status.rawValue)" } ?? ""
                    return StepOutcome(orderId, detail: "order \(orderId) confirmed\(paid)", replies: replies)
                case .rejected:
                    throw StepFailure(step: .status, expected: "confirmed",
                                      got: "rejected (\(order.reason?.rawValue ?? "no reason"))", reply: reply)
                case .pending:
                    last = "pending"
                }
            default:
                throw StepFailure(step: .status, expected: "HTTP 200 or 304", got: reply.summary, reply: reply)
            }
            try await Task.sleep(for: settings.pollInterval)
        }
        throw StepFailure(step: .status, expected: "confirmed within the confirm timeout",
                          got: "\(last) after \(replies.count) polls", reply: replies.last)
    }
}
