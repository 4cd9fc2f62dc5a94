import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// `POST /confirm/payment-callback`: the signature is checked over the raw bytes before
/// anything is parsed; then, with the intent row locked, `CallbackEvaluation` decides. An
/// outcome is recorded once on both the intent and its payment, so provider retries are harmless.
/// An approval for an intent that expired or whose order was rejected is recorded `refund-due`.
/// Commits parked waiting for this payment are then sent back to the worker to be decided.
struct PaymentCallbacks: Sendable {
    struct Outcome: Sendable {
        let response: PaymentCallbackResponse
        let replayed: Bool
    }

    let client: PostgresClient
    let signature: PaymentSignature
    let wake: ParkedCommitWake
    let logger: Logger

    func receive(signatureHeader: String?, body: Data, now: Date = Date()) async throws -> Outcome {
        do {
            try signature.verify(header: signatureHeader, body: body, now: now)
        } catch {
            throw error.problem
        }
        let callback = try RequestDecoder.decode(PaymentCallback.self, from: body)
        guard let intentId = UUID(uuidString: callback.intentId) else {
            throw Problem.validation([FieldProblem(field: "intentId", message: "must be a UUID")])
        }
        do {
            let (outcome, parked) = try await client.withTransaction(logger: logger) { connection in
                try await record(callback, intentId: intentId, now: now, on: connection)
            }
            await wake.wake(parked)
            return outcome
        } catch {
            if let problem = (error as? PostgresTransactionError)?.closureError as? Problem { throw problem }
            if PostgresErrorCode.sqlState(of: error) == PostgresErrorCode.uniqueViolation {
                throw Problem(.callbackConflict, detail: "paymentRef \(callback.paymentRef) belongs to another payment")
            }
            throw error
        }
    }

    /// The outcome, and the commits parked for this intent (woken after the transaction).
    private func record(_ callback: PaymentCallback, intentId: UUID, now: Date,
                        on connection: PostgresConnection) async throws -> (Outcome, [CommitMessage]) {
        // Orderable: not expired, and no order of its own user was rejected for it (a rejection
        // for a foreign commit naming this intent, or a second commit of a sold one, does not count).
        let rows = try await connection.query("""
            SELECT i.amount_minor, i.currency::text, i.status, i.expires_at > \(now) AND NOT EXISTS (
                SELECT 1 FROM orders o WHERE o.intent_id = i.intent_id AND o.status = 'rejected'
                AND o.user_id = i.user_id AND o.reason NOT IN ('intent-mismatch', 'already-ordered'))
            FROM payment_intents i WHERE i.intent_id = \(intentId) FOR UPDATE
            """, logger: logger)
        var found: (amount: Int64, currency: String, status: String, orderable: Bool)?
        for try await row in rows.decode((Int64, String, String, Bool).self) { found = row }
        guard let found, let current = PaymentState(rawValue: found.status) else {
            throw Problem(.intentNotFound, detail: "no payment intent \(callback.intentId)")
        }
        let id = intentId.uuidString.lowercased()
        switch CallbackEvaluation.decide(callback: callback, intentAmount: found.amount,
                                         intentCurrency: found.currency, current: current,
                                         orderable: found.orderable) {
        case .refuse(let problem):
            throw problem
        case .replay(let state):
            let response = PaymentCallbackResponse(intentId: id, paymentStatus: state)
            return (Outcome(response: response, replayed: true), try await parked(intentId, on: connection))
        case .record(let state):
            try await connection.query("""
                UPDATE payment_intents SET status = \(state.rawValue), updated_at = now() WHERE intent_id = \(intentId)
                """, logger: logger)
            try await connection.query("""
                INSERT INTO payments (payment_id, intent_id, provider_ref, amount_minor, currency, status)
                VALUES (\(UUID()), \(intentId), \(callback.paymentRef), \(found.amount), \(found.currency),
                        \(state.rawValue))
                ON CONFLICT (intent_id) DO UPDATE
                SET status = EXCLUDED.status, provider_ref = EXCLUDED.provider_ref, updated_at = now()
                """, logger: logger)
            let response = PaymentCallbackResponse(intentId: id, paymentStatus: state)
            return (Outcome(response: response, replayed: false), try await parked(intentId, on: connection))
        }
    }

    private func parked(_ intentId: UUID, on connection: PostgresConnection) async throws -> [CommitMessage] {
        let rows = try await connection.query("""
            SELECT idem, event_id, user_id, seat_ids FROM awaiting_payment WHERE intent_id = \(intentId)
            """, logger: logger)
        var messages: [CommitMessage] = []
        for try await (idem, eventId, userId, seatIds) in rows.decode((String, String, String, [String]).self) {
            messages.append(CommitMessage(idem: idem, payload: CommitPayload(
                intentId: intentId.uuidString.lowercased(), eventId: eventId, seatIds: seatIds, userId: userId)))
        }
        return messages
    }
}
