/// What happens to a received message after it was worked on.
enum MessageDisposition: Sendable, Hashable {
    /// Decided (confirmed, rejected or already decided): delete it.
    case delete
    /// A transient failure: make it visible again after this many seconds; after
    /// maxReceiveCount receives the queue's redrive policy moves it to the DLQ.
    case retry(afterSeconds: Int)
    /// It can never succeed (not a CommitMessage): visible again at once, so the redrive policy
    /// moves it to the DLQ after maxReceiveCount quick receives instead of blocking its group.
    case poison
}
