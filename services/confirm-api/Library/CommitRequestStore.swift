import FoundationEssentials
import Logging
import PostgresNIO
import Ticketing

/// commit_requests: one row per accepted commit, keyed by its Idempotency-Key, so a retried
/// commit is recognised (replay or 422) and status can answer `pending` before the worker decides.
struct CommitRequestStore: Sendable {
    /// A recorded commit: its fingerprint and whether the worker has decided it yet.
    struct Stored: Sendable {
        let fingerprint: RequestFingerprint
        let decided: Bool
    }

    /// The intent a commit names, as far as the API checks it before queueing.
    struct Intent: Sendable {
        let userId: String
        let eventId: String
        let seatIds: [String]
        let expiresAt: Date
    }

    let client: PostgresClient
    let logger: Logger

    func find(idem: String) async throws -> Stored? {
        let rows = try await client.query("""
            SELECT c.request_fingerprint::text, o.order_id IS NOT NULL
            FROM commit_requests c LEFT JOIN orders o ON o.idem = c.idem
            WHERE c.idem = \(idem)
            """, logger: logger)
        for try await (fingerprint, decided) in rows.decode((String, Bool).self) {
            return Stored(fingerprint: RequestFingerprint(hex: fingerprint), decided: decided)
        }
        return nil
    }

    func intent(_ intentId: UUID) async throws -> Intent? {
        let rows = try await client.query("""
            SELECT user_id, event_id, seat_ids, expires_at FROM payment_intents WHERE intent_id = \(intentId)
            """, logger: logger)
        for try await (userId, eventId, seatIds, expiresAt) in rows.decode((String, String, [String], Date).self) {
            return Intent(userId: userId, eventId: eventId, seatIds: seatIds, expiresAt: expiresAt)
        }
        return nil
    }

    /// Records the commit; false when the key is already taken (by a concurrent twin or earlier).
    func insert(idem: String, fingerprint: RequestFingerprint, request: CommitRequest, intentId: UUID) async throws -> Bool {
        let rows = try await client.query("""
            INSERT INTO commit_requests (idem, request_fingerprint, intent_id, event_id, user_id, seat_ids)
            VALUES (\(idem), \(fingerprint.hex), \(intentId), \(request.eventId), \(request.userId), \(request.seatIds))
            ON CONFLICT (idem) DO NOTHING
            RETURNING idem
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    /// Forgets a commit whose message could not be sent, so the client's retry starts afresh.
    func remove(idem: String) async throws {
        try await client.query("""
            DELETE FROM commit_requests c WHERE c.idem = \(idem)
            AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.idem = c.idem)
            """, logger: logger)
    }
}
