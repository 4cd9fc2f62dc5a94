import FoundationEssentials
import Ticketing

/// How the worker consumes the commit queue. The defaults suit production (full batches, the
/// longest long poll so an idle worker costs few requests); tests shorten the waits.
public struct WorkerConfiguration: Sendable {
    public var queueURL: String
    public var seatLockTable: String
    /// ReceiveMessage batch size (1–10).
    public var maxMessages: Int
    /// How many batches one worker has in hand at once (concurrent ReceiveMessage loops). FIFO
    /// never hands two receivers messages of the same group, so they work disjoint groups; with
    /// full batches that is up to 10 × receivers transactions wanting a connection; the PostgreSQL
    /// pool (20) runs that many at once and queues the rest, so the database is never flooded.
    public var receivers: Int
    /// Long-poll wait (0–20 s).
    public var waitTimeSeconds: Int
    /// How long a message stays invisible per extension; nil reads the queue's VisibilityTimeout.
    public var visibilityTimeoutSeconds: Int?
    /// The longest visibility backoff after a transient failure (doubling with each receive).
    public var maximumRetryDelaySeconds: Int
    /// The statement and lock timeouts of every transaction.
    public var transactionLimits: TransactionLimits
    /// How often lapsed holds are swept from PostgreSQL, and how many per transaction.
    public var holdSweepInterval: Duration
    public var holdSweepBatchSize: Int
    /// How often parked commits are checked for an expired intent or a lost payment wake-up:
    /// the longest an unpaid hold outlives its intent.
    public var paymentSweepInterval: Duration
    /// The receive on which a failing commit is recorded `processing-failed`; nil reads the
    /// queue's RedrivePolicy maxReceiveCount (no policy: never).
    public var maxReceiveCount: Int?

    public init(queueURL: String, seatLockTable: String, maxMessages: Int = 10, receivers: Int = 4, waitTimeSeconds: Int = 20,
                visibilityTimeoutSeconds: Int? = nil, maximumRetryDelaySeconds: Int = 30,
                transactionLimits: TransactionLimits = TransactionLimits(), holdSweepInterval: Duration = .seconds(1),
                holdSweepBatchSize: Int = 500, paymentSweepInterval: Duration = .seconds(2), maxReceiveCount: Int? = nil) {
        self.paymentSweepInterval = paymentSweepInterval
        self.queueURL = queueURL
        self.seatLockTable = seatLockTable
        self.maxMessages = maxMessages
        self.receivers = receivers
        self.waitTimeSeconds = waitTimeSeconds
        self.visibilityTimeoutSeconds = visibilityTimeoutSeconds
        self.maximumRetryDelaySeconds = maximumRetryDelaySeconds
        self.transactionLimits = transactionLimits
        self.holdSweepInterval = holdSweepInterval
        self.holdSweepBatchSize = holdSweepBatchSize
        self.maxReceiveCount = maxReceiveCount
    }

    public init(_ environment: ConfirmWorkerEnvironment) {
        self.init(queueURL: environment.commitQueueURL.absoluteString, seatLockTable: environment.service.seatLockTable,
                  transactionLimits: TransactionLimits(statementTimeoutMilliseconds: environment.statementTimeoutMilliseconds,
                                                       lockTimeoutMilliseconds: environment.lockTimeoutMilliseconds))
    }
}
