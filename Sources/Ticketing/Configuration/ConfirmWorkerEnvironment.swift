import FoundationEssentials

/// confirm-worker's configuration: the shared part plus the queue it consumes and its DLQ.
public struct ConfirmWorkerEnvironment: Sendable {
    public let service: ServiceEnvironment
    /// The SQS FIFO queue it long-polls (COMMIT_QUEUE_URL).
    public let commitQueueURL: URL
    /// Where poison messages end up (COMMIT_DLQ_URL), for reporting; optional.
    public let commitDLQURL: URL?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EnvironmentError) {
        let reader = EnvironmentReader(values: environment)
        service = try ServiceEnvironment(role: .confirmWorker, reader: reader)
        commitQueueURL = try reader.url(.commitQueueURL)
        commitDLQURL = try reader.optionalURL(.commitDLQURL)
    }
}
