import AWSClient

/// Moves the commit DLQ's messages back onto the commit queue, so that the worker decides them
/// again: receive, send to the commit queue with the same MessageGroupId (the commit's own, so
/// the order among commits of the same seats holds) and a MessageDeduplicationId derived from
/// the DLQ message id, then delete from the DLQ. Killed between send and delete, a re-run within SQS's five-minute
/// deduplication window sends the same id again and SQS drops the copy; later, the worker
/// finds the commit's idempotency key already decided. Nothing is lost: a message leaves the
/// DLQ only after the commit queue accepted it.
///
/// SQS's own StartMessageMoveTask would do the same server-side; the local AWS (moto) has no
/// message move tasks, and this way runs identically against both.
struct DeadLetterRedrive {
    let queues: CommitQueues
    /// Long enough to send and delete a batch of ten; killed, the batch reappears after it.
    var holdSeconds = 60

    /// The deduplication id of a redriven message: the same on every re-run for one dead letter,
    /// different from the original send's (`idem`), which SQS may still remember.
    static func deduplicationId(messageId: String) -> String { "dlq-redrive-" + messageId }

    /// Moves up to `limit` messages; returns how many the commit queue accepted and the DLQ gave up.
    func run(limit: Int) async throws -> Int {
        var moved = 0
        while moved < limit {
            let batch = try await queues.sqs.receiveMessages(
                queueUrl: queues.deadLetterURL, maxMessages: min(10, limit - moved),
                waitTimeSeconds: 1, visibilityTimeout: holdSeconds)
            if batch.isEmpty { break }
            for message in batch {
                guard let group = message.groupId else {
                    throw DeadLetterError("DLQ message \(message.messageId) has no MessageGroupId; not a FIFO message, left in place")
                }
                try await queues.sqs.sendMessage(queueUrl: queues.commitURL, body: message.body, groupId: group,
                                                 deduplicationId: Self.deduplicationId(messageId: message.messageId))
                try await queues.sqs.deleteMessage(queueUrl: queues.deadLetterURL, receiptHandle: message.receiptHandle)
                moved += 1
            }
        }
        return moved
    }
}
