/// The SQS FIFO commit queue and its dead-letter queue.
public struct CommitQueueConfig: Sendable, Equatable {
    /// Longer than the worker's slowest transaction, or a message is delivered twice.
    public var visibilityTimeoutSeconds: Int
    /// Deliveries before a message moves to the DLQ.
    public var maxReceiveCount: Int
    /// Long polling: ReceiveMessage waits up to this long for a message (0–20).
    public var receiveWaitTimeSeconds: Int
    public var messageRetentionSeconds: Int
    /// At least the queue's retention, so a dead-lettered message does not expire on arrival.
    public var deadLetterRetentionSeconds: Int

    public init(visibilityTimeoutSeconds: Int = 60, maxReceiveCount: Int = 5, receiveWaitTimeSeconds: Int = 20,
                messageRetentionSeconds: Int = 345_600, deadLetterRetentionSeconds: Int = 1_209_600) {
        self.visibilityTimeoutSeconds = visibilityTimeoutSeconds
        self.maxReceiveCount = maxReceiveCount
        self.receiveWaitTimeSeconds = receiveWaitTimeSeconds
        self.messageRetentionSeconds = messageRetentionSeconds
        self.deadLetterRetentionSeconds = deadLetterRetentionSeconds
    }

    public static let visibilityTimeoutRange = 0...43_200
    public static let maxReceiveCountRange = 1...1000
    public static let receiveWaitTimeRange = 0...20
    public static let retentionRange = 60...1_209_600
}
