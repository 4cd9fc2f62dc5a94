/// How often a failed registry request is retried (5xx, 429, 408, dropped connections) and
/// how long to wait in between: exponential backoff with jitter, capped.
public struct RegistryRetryPolicy: Sendable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    func delay(beforeAttempt attempt: Int) -> Duration {
        let exponential = baseDelay * (1 << min(attempt - 1, 10))
        let capped = min(exponential, maxDelay)
        return capped * Double.random(in: 0.5...1.0)
    }

    static func isRetryable(status: Int) -> Bool {
        status >= 500 || status == 429 || status == 408
    }
}
