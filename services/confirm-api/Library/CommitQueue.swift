import AWSClient
import FoundationEssentials
import Ticketing

/// The SQS FIFO queue commits go to. Group = the event and seat set (`CommitMessage.messageGroupId`),
/// so commits of the same seats are decided in the order they were accepted and the rest side by
/// side. One SendMessage per request: batching sends would make each commit wait for others.
/// Deduplication id = the commit's key, so a resend (a retried request, a replay of an undecided
/// commit) within SQS's five-minute window is not enqueued twice.
struct CommitQueue: Sendable {
    let sqs: SQS
    let queueURL: String

    /// Sends a commit under `deduplicationId` (its idem; a payment wake-up has its own id).
    func send(_ message: CommitMessage, deduplicationId: String) async throws {
        let body = String(decoding: try JSONCoding.makeEncoder().encode(message), as: UTF8.self)
        try await sqs.sendMessage(queueUrl: queueURL, body: body, groupId: message.messageGroupId,
                                  deduplicationId: deduplicationId)
    }

    /// For the health check: the queue exists and answers.
    func ping() async throws {
        _ = try await sqs.getQueueAttributes(queueUrl: queueURL, names: ["QueueArn"])
    }
}
