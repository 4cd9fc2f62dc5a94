import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// payment_intents (and the pending payment row each intent gets). Keys are scoped per user: the
/// unique (user_id, idempotency_key) is what makes concurrent duplicates resolve to exactly one
/// intent, and one user's key never collides with another's.
struct PaymentIntentStore: Sendable {
    /// An intent recorded under an Idempotency-Key, with the fingerprint of its first request.
    struct Stored: Sendable {
        let fingerprint: RequestFingerprint
        let response: PaymentIntentResponse
    }

    /// What an insert found.
    enum Insertion: Sendable {
        case created(PaymentIntentResponse)
        /// Another request with the same user and key got there first (the caller reads that one).
        case keyTaken
        /// The user already has this open intent for some of the seats.
        case openIntent(String)
    }

    let client: PostgresClient
    let logger: Logger

    func find(userId: String, idempotencyKey: String) async throws -> Stored? {
        let rows = try await client.query("""
            SELECT intent_id, request_fingerprint::text, amount_minor, currency::text, expires_at
            FROM payment_intents WHERE user_id = \(userId) AND idempotency_key = \(idempotencyKey)
            """, logger: logger)
        for try await (intentId, fingerprint, amount, currency, expiresAt)
            in rows.decode((UUID, String, Int64, String, Date).self) {
            return Stored(fingerprint: RequestFingerprint(hex: fingerprint),
                          response: PaymentIntentResponse(intentId: intentId.uuidString.lowercased(), amount: amount,
                                                          currency: currency, expiresAt: expiresAt))
        }
        return nil
    }

    /// Inserts the intent and its pending payment unless the user has an open intent (not
    /// expired, not paid-and-ordered, not declined) for any of the seats. The user's advisory lock
    /// serialises the check and the insert, so two keys racing for the same seats yield one intent.
    func insert(idempotencyKey: String, fingerprint: RequestFingerprint, request: PaymentIntentRequest,
                quote: SeatPricing.Quote, expiresAt: Date, now: Date) async throws -> Insertion {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await connection.query("""
                    SELECT pg_advisory_xact_lock(hashtextextended('intent-user:' || \(request.userId), 0))
                    """, logger: logger)
                let open = try await connection.query("""
                    SELECT i.intent_id FROM payment_intents i
                    WHERE i.user_id = \(request.userId) AND i.event_id = \(request.eventId)
                      AND i.status IN ('pending', 'approved') AND i.expires_at > \(now)
                      AND i.seat_ids && \(request.seatIds) AND i.idempotency_key <> \(idempotencyKey)
                      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.intent_id = i.intent_id)
                    ORDER BY i.created_at LIMIT 1
                    """, logger: logger)
                for try await intentId in open.decode(UUID.self) {
                    return .openIntent(intentId.uuidString.lowercased())
                }
                return try await insertRow(idempotencyKey, fingerprint, request, quote, expiresAt, on: connection)
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error
        }
    }

    private func insertRow(_ idempotencyKey: String, _ fingerprint: RequestFingerprint, _ request: PaymentIntentRequest,
                           _ quote: SeatPricing.Quote, _ expiresAt: Date,
                           on connection: PostgresConnection) async throws -> Insertion {
        let intentId = UUID()
        let paymentId = UUID()
        let rows = try await connection.query("""
            WITH intent AS (
                INSERT INTO payment_intents (intent_id, idempotency_key, request_fingerprint, user_id, event_id,
                                             seat_ids, amount_minor, currency, expires_at)
                VALUES (\(intentId), \(idempotencyKey), \(fingerprint.hex), \(request.userId), \(request.eventId),
                        \(request.seatIds), \(quote.amount), \(quote.currency), \(expiresAt))
                ON CONFLICT (user_id, idempotency_key) DO NOTHING
                RETURNING intent_id, amount_minor, currency, expires_at
            ), payment AS (
                INSERT INTO payments (payment_id, intent_id, amount_minor, currency)
                SELECT \(paymentId), intent_id, amount_minor, currency FROM intent
            )
            SELECT intent_id, amount_minor, currency::text, expires_at FROM intent
            """, logger: logger)
        for try await (id, amount, currency, expires) in rows.decode((UUID, Int64, String, Date).self) {
            return .created(PaymentIntentResponse(intentId: id.uuidString.lowercased(), amount: amount,
                                                  currency: currency, expiresAt: expires))
        }
        return .keyTaken
    }
}
