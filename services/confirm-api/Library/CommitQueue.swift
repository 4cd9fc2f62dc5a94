import AWSClient
import FoundationEssentials

/// The SQS FIFO queue commits go to. Group = event, so one event's orders are decided in the
/// order they were accepted; deduplication id = the commit's key, so a resend (a retried
/// request, a replay of an undecided commit) within SQS's five-minute window is not enqueued twice.
struct CommitQueue: Sendable {
    let sqs: SQS
    let queueURL: String

    func send(body: String, groupId: String, deduplicationId: String) async throws {
        try await sqs.sendMessage(queueUrl: queueURL, body: body, groupId: groupId, deduplicationId: deduplicationId)
    }

    /// For the health check: the queue exists and answers.
    func ping() async throws {
        _ = try await sqs.getQueueAttributes(queueUrl: queueURL, names: ["QueueArn"])
    }
}
