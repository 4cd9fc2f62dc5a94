import FoundationEssentials
import Logging
import PostgresNIO
import ServiceLifecycle
import Ticketing

/// Decides the parked commits the queue will not bring back by itself: every `interval` it reads
/// those whose payment is no longer pending (the callback's wake-up was lost) or whose intent
/// expired unpaid (→ payment-not-approved, seats freed), and runs each through the same
/// `CommitProcessor` as a queued message (so under the same `TransactionLimits`, as is the read
/// here). A timer, not a busy loop: an idle worker costs one indexed query per interval.
public struct PaymentSweep: Service {
    let client: PostgresClient
    let processor: CommitProcessor
    let interval: Duration
    let limits: TransactionLimits
    let batchSize: Int
    let logger: Logger

    public func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break
            }
            do {
                for message in try await due() {
                    do {
                        _ = try await processor.decide(message)
                    } catch {
                        logger.warning("parked commit not decided; retried next sweep",
                                       metadata: ["idem": "\(message.idem)", "error": "\(error)"])
                    }
                }
            } catch {
                logger.warning("payment sweep failed; retried next interval", metadata: ["error": "\(error)"])
            }
        }
        await processor.releases.drained()
    }

    /// Parked commits ready to be decided, oldest first.
    func due(now: Date = Date()) async throws -> [CommitMessage] {
        try await client.withTransaction(logger: logger) { connection in
            try await limits.apply(on: connection, logger: logger)
            let rows = try await connection.query("""
                SELECT a.idem, a.intent_id, a.event_id, a.user_id, a.seat_ids
                FROM awaiting_payment a JOIN payment_intents i ON i.intent_id = a.intent_id
                WHERE i.status <> 'pending' OR i.expires_at <= \(now)
                ORDER BY a.parked_at LIMIT \(batchSize)
                """, logger: logger)
            var messages: [CommitMessage] = []
            for try await (idem, intentId, eventId, userId, seatIds) in rows.decode((String, UUID, String, String, [String]).self) {
                messages.append(CommitMessage(idem: idem, payload: CommitPayload(
                    intentId: intentId.uuidString.lowercased(), eventId: eventId, seatIds: seatIds, userId: userId)))
            }
            return messages
        }
    }
}
