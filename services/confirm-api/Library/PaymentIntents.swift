import FoundationEssentials
import Logging
import Ticketing

/// `POST /confirm/payment-intent`: a replay (same user and key) is answered from the stored
/// intent before any other work; a first request checks the holds, prices the seats and inserts
/// unless the user already has an open intent for them (409 intent-open naming it); losing the
/// insert race to a concurrent twin turns into a replay of the twin's intent (or 422).
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

    /// `request` is already checked against the caller's room token.
    func create(idempotencyKey: String, request: PaymentIntentRequest, now: Date = Date()) async throws -> Outcome {
        let fingerprint = try request.fingerprint()
        if let stored = try await store.find(userId: request.userId, idempotencyKey: idempotencyKey) {
            return try replay(stored, fingerprint)
        }
        let quote = try await pricing.quote(eventId: request.eventId, seatIds: request.seatIds)
        let holdsEnd = try await holds.verify(userId: request.userId, eventId: request.eventId,
                                              seatIds: request.seatIds, now: now)
        let expiresAt = min(holdsEnd, now.addingTimeInterval(TimeInterval(ttlSeconds)))
        switch try await store.insert(idempotencyKey: idempotencyKey, fingerprint: fingerprint, request: request,
                                      quote: quote, expiresAt: expiresAt, now: now) {
        case .created(let created):
            return Outcome(response: created, replayed: false)
        case .openIntent(let intentId):
            throw Problem(.intentOpen, detail: "intent \(intentId) is open for these seats; pay or let it expire")
        case .keyTaken:
            guard let stored = try await store.find(userId: request.userId, idempotencyKey: idempotencyKey) else {
                throw Problem(.idempotencyInProgress, detail: "retry once the first request has finished")
            }
            return try replay(stored, fingerprint)
        }
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
