import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// payment_intents (and the pending payment row each intent gets): the unique
/// idempotency_key column is what makes concurrent duplicates resolve to exactly one intent.
struct PaymentIntentStore: Sendable {
    /// An intent recorded under an Idempotency-Key, with the fingerprint of its first request.
    struct Stored: Sendable {
        let fingerprint: RequestFingerprint
        let response: PaymentIntentResponse
    }

    let client: PostgresClient
    let logger: Logger

    func find(idempotencyKey: String) async throws -> Stored? {
        let rows = try await client.query("""
            SELECT intent_id, request_fingerprint::text, amount_minor, currency::text, expires_at
            FROM payment_intents WHERE idempotency_key = \(idempotencyKey)
            """, logger: logger)
        for try await (intentId, fingerprint, amount, currency, expiresAt)
            in rows.decode((UUID, String, Int64, String, Date).self) {
            return Stored(fingerprint: RequestFingerprint(hex: fingerprint),
                          response: PaymentIntentResponse(intentId: intentId.uuidString.lowercased(), amount: amount,
                                                          currency: currency, expiresAt: expiresAt))
        }
        return nil
    }

    /// Inserts the intent and its pending payment in one statement; nil when another request
    /// with the same key got there first (the caller then reads that one).
    func insert(idempotencyKey: String, fingerprint: RequestFingerprint, request: PaymentIntentRequest,
                quote: SeatPricing.Quote, expiresAt: Date) async throws -> PaymentIntentResponse? {
        let intentId = UUID()
        let paymentId = UUID()
        let rows = try await client.query("""
            WITH intent AS (
                INSERT INTO payment_intents (intent_id, idempotency_key, request_fingerprint, user_id, event_id,
                                             seat_ids, amount_minor, currency, expires_at)
                VALUES (\(intentId), \(idempotencyKey), \(fingerprint.hex), \(request.userId), \(request.eventId),
                        \(request.seatIds), \(quote.amount), \(quote.currency), \(expiresAt))
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING intent_id, amount_minor, currency, expires_at
            ), payment AS (
                INSERT INTO payments (payment_id, intent_id, amount_minor, currency)
                SELECT \(paymentId), intent_id, amount_minor, currency FROM intent
            )
            SELECT intent_id, amount_minor, currency::text, expires_at FROM intent
            """, logger: logger)
        for try await (id, amount, currency, expires) in rows.decode((UUID, Int64, String, Date).self) {
            return PaymentIntentResponse(intentId: id.uuidString.lowercased(), amount: amount, currency: currency,
                                         expiresAt: expires)
        }
        return nil
    }
}
