import NIOCore

/// A reply the server owes, in the order the requests were written (RESP2 answers strictly FIFO).
struct PendingReply {
    enum Target {
        case single(CheckedContinuation<RESPValue, any Error>)
        case batch(BatchReplies)
    }

    let target: Target
    /// Command name only, for the timeout message.
    let commandName: String
    let deadline: NIODeadline?

    func succeed(_ value: RESPValue) {
        switch target {
        case .single(let continuation): continuation.resume(returning: value)
        case .batch(let replies): replies.append(value)
        }
    }

    func fail(_ error: RedisError) {
        switch target {
        case .single(let continuation): continuation.resume(throwing: error)
        case .batch(let replies): replies.fail(error)
        }
    }
}

/// Collects the replies of one pipelined batch; the batch completes with the last of them, or
/// fails with the first failure (later entries of the same batch are then ignored).
final class BatchReplies {
    private var values: [RESPValue]
    private let expected: Int
    private var continuation: CheckedContinuation<[RESPValue], any Error>?

    init(expected: Int, continuation: CheckedContinuation<[RESPValue], any Error>) {
        self.values = []
        self.values.reserveCapacity(expected)
        self.expected = expected
        self.continuation = continuation
    }

    func append(_ value: RESPValue) {
        guard let continuation else { return }
        values.append(value)
        if values.count == expected {
            self.continuation = nil
            continuation.resume(returning: values)
        }
    }

    func fail(_ error: RedisError) {
        guard let continuation else { return }
        self.continuation = nil
        continuation.resume(throwing: error)
    }
}
