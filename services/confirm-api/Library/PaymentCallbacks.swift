import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// `POST /confirm/payment-callback`: the signature is checked over the raw bytes before
/// anything is parsed; then, with the intent row locked, `CallbackEvaluation` decides. An
/// outcome is recorded once on both the intent and its payment, so provider retries are harmless.
struct PaymentCallbacks: Sendable {
    struct Outcome: Sendable {
        let response: PaymentCallbackResponse
        let replayed: Bool
    }

    let client: PostgresClient
    let signature: PaymentSignature
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
            return try await client.withTransaction(logger: logger) { connection in
                try await record(callback, intentId: intentId, on: connection)
            }
        } catch {
            if let problem = (error as? PostgresTransactionError)?.closureError as? Problem { throw problem }
            if PostgresErrorCode.sqlState(of: error) == PostgresErrorCode.uniqueViolation {
                throw Problem(.callbackConflict, detail: "paymentRef \(callback.paymentRef) belongs to another payment")
            }
            throw error
        }
    }

    private func record(_ callback: PaymentCallback, intentId: UUID,
                        on connection: PostgresConnection) async throws -> Outcome {
        let rows = try await connection.query("""
            SELECT amount_minor, currency::text, status FROM payment_intents
            WHERE intent_id = \(intentId) FOR UPDATE
            """, logger: logger)
        var found: (amount: Int64, currency: String, status: String)?
        for try await row in rows.decode((Int64, String, String).self) { found = row }
        guard let found, let current = PaymentState(rawValue: found.status) else {
            throw Problem(.intentNotFound, detail: "no payment intent \(callback.intentId)")
        }
        let id = intentId.uuidString.lowercased()
        switch CallbackEvaluation.decide(callback: callback, intentAmount: found.amount,
                                         intentCurrency: found.currency, current: current) {
        case .refuse(let problem):
            throw problem
        case .replay(let state):
            return Outcome(response: PaymentCallbackResponse(intentId: id, paymentStatus: state), replayed: true)
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
            return Outcome(response: PaymentCallbackResponse(intentId: id, paymentStatus: state), replayed: false)
        }
    }
}
