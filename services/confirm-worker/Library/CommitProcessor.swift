import AWSClient
import FoundationEssentials
import Logging
import Ticketing

/// Works on one received message: parse and validate the `CommitMessage`, run its transaction,
/// and say what to do with the message. Never throws: every failure is a disposition.
struct CommitProcessor: Sendable {
    let transaction: CommitTransaction
    let holds: HoldRelease
    let maximumRetryDelaySeconds: Int
    let logger: Logger

    func process(_ received: SQS.ReceivedMessage) async -> (MessageDisposition, CommitOutcome?) {
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
            let delay = min(maximumRetryDelaySeconds, 1 << min(received.receiveCount, 5))
            logger.warning("commit failed; left for redelivery", metadata: metadata.merging([
                "idem": "\(message.idem)", "retryInSeconds": "\(delay)", "error": "\(error)",
            ]) { $1 })
            return (.retry(afterSeconds: delay), nil)
        }
    }

    /// Runs the commit's transaction, then removes the holds it consumed or freed from Redis and
    /// DynamoDB. Shared by the queue and the payment sweep; throws only a transient failure.
    func decide(_ message: CommitMessage) async throws -> CommitOutcome {
        let outcome = try await transaction.run(message)
        switch outcome {
        case .confirmed(let orderId, let consumed):
            logger.info("order confirmed", metadata: ["idem": "\(message.idem)", "orderId": "\(orderId.uuidString.lowercased())"])
            await holds.release(eventId: message.payload.eventId, holds: consumed)
        case .rejected(let orderId, let reason, let freed):
            logger.info("order rejected", metadata: ["idem": "\(message.idem)", "orderId": "\(orderId.uuidString.lowercased())",
                                                     "reason": "\(reason.rawValue)"])
            await holds.release(eventId: message.payload.eventId, holds: freed)
        case .awaitingPayment:
            logger.info("commit parked until its payment is decided", metadata: ["idem": "\(message.idem)"])
        case .alreadyDecided(let consumed):
            logger.info("redelivered commit already decided", metadata: ["idem": "\(message.idem)"])
            await holds.release(eventId: message.payload.eventId, holds: consumed)
        }
        return outcome
    }
}
