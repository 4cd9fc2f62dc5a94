import AWSClient
import FoundationEssentials
import Logging
import Ticketing

/// Works on one received message: parse and validate the `CommitMessage`, run its transaction,
/// and say what to do with the message. Never throws: every failure is a disposition. A commit
/// that still fails on its last receive (`lastReceive`: the queue's maxReceiveCount) is recorded
/// as a `processing-failed` rejection first, so its status says so while it is in the DLQ.
struct CommitProcessor: Sendable {
    let transaction: CommitTransaction
    let releases: HoldReleaseBacklog
    let maximumRetryDelaySeconds: Int
    let logger: Logger

    func process(_ received: SQS.ReceivedMessage, lastReceive: Bool = false) async -> (MessageDisposition, CommitOutcome?) {
        let metadata: Logger.Metadata = ["messageId": "\(received.messageId)", "receiveCount": "\(received.receiveCount)"]
        let message: CommitMessage
        do {
            message = try JSONCoding.makeDecoder().decode(CommitMessage.self, from: Data(received.body.utf8))
        } catch {
            logger.error("poison message: not a CommitMessage", metadata: metadata)
            return (.poison, nil)
        }
        let problems = message.validationProblems()
        guard problems.isEmpty else {
            let fields = problems.map(\.field).joined(separator: ",")
            logger.error("poison message: invalid fields", metadata: metadata.merging(["fields": "\(fields)"]) { $1 })
            return (.poison, nil)
        }
        do {
            return (.delete, try await decide(message))
        } catch {
            if lastReceive { return await recordFailure(message, error: error, metadata: metadata) }
            let delay = min(maximumRetryDelaySeconds, 1 << min(received.receiveCount, 5))
            logger.warning("commit failed; left for redelivery", metadata: metadata.merging([
                "idem": "\(message.idem)", "retryInSeconds": "\(delay)", "error": "\(error)",
            ]) { $1 })
            return (.retry(afterSeconds: delay), nil)
        }
    }

    /// Runs the commit's transaction, then hands the holds it consumed or freed to the release
    /// backlog (removed from Redis and DynamoDB beside the next work, not before this commit's
    /// message is settled). Shared by the queue and the payment sweep; throws only a transient failure.
    func decide(_ message: CommitMessage) async throws -> CommitOutcome {
        let outcome = try await transaction.run(message)
        switch outcome {
        case .confirmed(let orderId, let consumed):
            logger.info("order confirmed", metadata: ["idem": "\(message.idem)", "orderId": "\(orderId.uuidString.lowercased())"])
            await releases.enqueue(eventId: message.payload.eventId, holds: consumed)
        case .rejected(let orderId, let reason, let freed):
            logger.info("order rejected", metadata: ["idem": "\(message.idem)", "orderId": "\(orderId.uuidString.lowercased())",
                                                     "reason": "\(reason.rawValue)"])
            await releases.enqueue(eventId: message.payload.eventId, holds: freed)
        case .awaitingPayment:
            logger.info("commit parked until its payment is decided", metadata: ["idem": "\(message.idem)"])
        case .alreadyDecided(let consumed):
            logger.info("redelivered commit already decided", metadata: ["idem": "\(message.idem)"])
            await releases.enqueue(eventId: message.payload.eventId, holds: consumed)
        }
        return outcome
    }

    /// Records `processing-failed` and hands the message back at once: its next receive is past
    /// maxReceiveCount, so the redrive policy moves it to the DLQ. If even the record fails, the
    /// message still goes there (status stays `pending`, as before).
    private func recordFailure(_ message: CommitMessage, error: any Error,
                               metadata: Logger.Metadata) async -> (MessageDisposition, CommitOutcome?) {
        let details = metadata.merging(["idem": "\(message.idem)", "error": "\(error)"]) { $1 }
        do {
            let recorded = try await transaction.recordProcessingFailure(message)
            logger.error("commit failed on its last receive; recorded processing-failed, leaving it to the DLQ",
                         metadata: details.merging(["recorded": "\(recorded)"]) { $1 })
        } catch let recordError {
            logger.error("commit failed on its last receive and processing-failed could not be recorded",
                         metadata: details.merging(["recordError": "\(recordError)"]) { $1 })
        }
        return (.poison, nil)
    }
}
