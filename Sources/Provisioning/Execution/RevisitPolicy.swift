import AWSClient

/// Which failed nodes a `GraphWalk` puts back in its queue instead of failing them: a read that
/// still failed after its call's whole retry budget with throttling or a transient error is
/// tried again when the walk reaches it again, while only what needs it waits. One slow
/// Describe call must not cost a region every resource behind it.
struct RevisitPolicy: Sendable {
    /// Further tries of one node after its first failure.
    let maxRevisits: Int
    /// Waited before revisit number n (1-based) is n × this, so the service gets a breather.
    let pause: Duration

    static let never = RevisitPolicy(maxRevisits: 0, pause: .zero)

    /// Whether a node that failed with `error` after `revisits` revisits is tried again.
    func allows(_ error: any Error, after revisits: Int) -> Bool {
        guard revisits < maxRevisits else { return false }
        return Self.isTransient(error)
    }

    /// Throttling, 5xx, timeouts and dropped connections: worth another try later.
    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case let error as AWSError: RetryClassifier.classify(error).isRetryable
        case let error as AWSTransportError: RetryClassifier.classify(error).isRetryable
        default: false
        }
    }
}
