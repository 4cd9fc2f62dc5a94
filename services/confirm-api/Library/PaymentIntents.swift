import FoundationEssentials
import Logging
import Ticketing

/// `POST /confirm/payment-intent`: a replay is answered from the stored intent before any other
/// work; a first request checks the holds, prices the seats and inserts; losing the insert race
/// to a concurrent twin turns into a replay of the twin's intent (or 422 for another body).
struct PaymentIntents: Sendable {
    /// The answer and whether it replays an earlier request.
    struct Outcome: Sendable {
        let response: PaymentIntentResponse
        let replayed: Bool
    }

    let store: PaymentIntentStore
    let pricing: SeatPricing
    let holds: HoldOwnership
    let ttlSeconds: Int

    func create(idempotencyKey: String, body: Data, now: Date = Date()) async throws -> Outcome {
        let request = try RequestDecoder.decode(PaymentIntentRequest.self, from: body)
        let fingerprint = try RequestFingerprint(operation: PaymentIntentRequest.operation, body: body)
        if let stored = try await store.find(idempotencyKey: idempotencyKey) {
            return try replay(stored, fingerprint)
        }
        let quote = try await pricing.quote(eventId: request.eventId, seatIds: request.seatIds)
        let holdsEnd = try await holds.verify(userId: request.userId, eventId: request.eventId,
                                              seatIds: request.seatIds, now: now)
        let expiresAt = min(holdsEnd, now.addingTimeInterval(TimeInterval(ttlSeconds)))
        if let created = try await store.insert(idempotencyKey: idempotencyKey, fingerprint: fingerprint,
                                                request: request, quote: quote, expiresAt: expiresAt) {
            return Outcome(response: created, replayed: false)
        }
        guard let stored = try await store.find(idempotencyKey: idempotencyKey) else {
            throw Problem(.idempotencyInProgress, detail: "retry once the first request has finished")
        }
        return try replay(stored, fingerprint)
    }

    private func replay(_ stored: PaymentIntentStore.Stored, _ fingerprint: RequestFingerprint) throws -> Outcome {
        let decision = IdempotencyDecision.decide(
            stored: IdempotencyRecord(fingerprint: stored.fingerprint, outcome: stored.response), incoming: fingerprint)
        guard case .replay(let response) = decision else {
            throw decision.problem ?? Problem(.idempotencyKeyReused)
        }
        return Outcome(response: response, replayed: true)
    }
}
