import AWSClient

/// Reads the commit DLQ's messages without taking them: each is received invisible for
/// `holdSeconds` (so one pass sees each once) and then made visible again at once. Killed
/// mid-way, the messages come back by themselves after `holdSeconds`.
///
/// A FIFO queue hands out no more of a message group while some of it is in flight, so one
/// pass sees what each receive returned of a group — the depth says how many there are in all.
struct DeadLetterPeek {
    let queues: CommitQueues
    var holdSeconds = 30

    func run(limit: Int) async throws -> (letters: [DeadLetter], depth: Int) {
        let depth = try await queues.deadLetterDepth()
        var letters: [DeadLetter] = []
        var handles: [String] = []
        var failure: (any Error)?
        do {
            var seen: Set<String> = []
            while letters.count < limit {
                let batch = try await queues.sqs.receiveMessages(
                    queueUrl: queues.deadLetterURL, maxMessages: min(10, limit - letters.count),
                    waitTimeSeconds: 1, visibilityTimeout: holdSeconds)
                if batch.isEmpty { break }
                handles += batch.map(\.receiptHandle)
                for message in batch where seen.insert(message.messageId).inserted {
                    letters.append(DeadLetter(message))
                }
            }
        } catch {
            failure = error
        }
        var unrestored = 0
        for handle in handles {
            do {
                try await queues.sqs.changeMessageVisibility(queueUrl: queues.deadLetterURL, receiptHandle: handle, seconds: 0)
            } catch {
                unrestored += 1
            }
        }
        if let failure { throw failure }
        if unrestored > 0 {
            throw DeadLetterError("\(unrestored) message(s) could not be made visible again; they reappear by themselves "
                                  + "within \(holdSeconds) s")
        }
        return (letters, depth)
    }
}
