/// Poll timing: exponential backoff between polls, an overall timeout, and how often a
/// still-running wait reports progress.
public struct WaitPolicy: Sendable, Hashable {
    public var initialInterval: Duration
    public var maxInterval: Duration
    public var multiplier: Double
    public var timeout: Duration
    public var progressInterval: Duration

    public init(
        initialInterval: Duration = .seconds(2), maxInterval: Duration = .seconds(20),
        multiplier: Double = 1.5, timeout: Duration = .seconds(45 * 60), progressInterval: Duration = .seconds(10)
    ) {
        self.initialInterval = initialInterval
        self.maxInterval = maxInterval
        self.multiplier = multiplier
        self.timeout = timeout
        self.progressInterval = progressInterval
    }

    /// The interval after `current`, capped at `maxInterval`.
    func next(after current: Duration) -> Duration {
        min(current * multiplier, maxInterval)
    }
}
