import FoundationEssentials

/// confirm-worker's configuration: the shared part plus the queue it consumes and its DLQ.
public struct ConfirmWorkerEnvironment: Sendable {
    public let service: ServiceEnvironment
    /// The SQS FIFO queue it long-polls (COMMIT_QUEUE_URL).
    public let commitQueueURL: URL
    /// Where poison messages end up (COMMIT_DLQ_URL), for reporting; optional.
    public let commitDLQURL: URL?
    /// Each worker transaction's statement_timeout and lock_timeout (DB_STATEMENT_TIMEOUT_MS,
    /// DB_LOCK_TIMEOUT_MS; 5000 and 2000 by default): one stuck lock cannot stall an event.
    public let statementTimeoutMilliseconds: Int
    public let lockTimeoutMilliseconds: Int

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EnvironmentError) {
        let reader = EnvironmentReader(values: environment)
        service = try ServiceEnvironment(role: .confirmWorker, reader: reader)
        commitQueueURL = try reader.url(.commitQueueURL)
        commitDLQURL = try reader.optionalURL(.commitDLQURL)
        statementTimeoutMilliseconds = try reader.int(.dbStatementTimeoutMs, in: 100...600_000, default: 5_000)
        lockTimeoutMilliseconds = try reader.int(.dbLockTimeoutMs, in: 100...600_000, default: 2_000)
    }
}
