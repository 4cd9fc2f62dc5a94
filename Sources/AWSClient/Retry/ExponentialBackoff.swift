/// Full-jitter exponential backoff of the SDKs' standard mode: before retry i (1-based) wait
/// `random(0,1) × min(base × 2^(i-1), maxBackoff)`. A service's `x-amz-retry-after` can
/// lengthen the wait by up to 5 s, never shorten it.
public struct ExponentialBackoff: Sendable {
    public var base: Duration
    public var maxBackoff: Duration
    /// Uniform in [0, 1); injectable so a test can pin the jitter.
    public var random: @Sendable () -> Double

    public init(base: Duration, maxBackoff: Duration, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.base = base; self.maxBackoff = maxBackoff; self.random = random
    }

    /// The wait after failed attempt number `attempt` (1 = the first try failed).
    public func delay(afterAttempt attempt: Int, retryAfterMilliseconds: Int? = nil) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(base * (1 << exponent), maxBackoff)
        let jittered = ceiling * random()
        guard let retryAfterMilliseconds, retryAfterMilliseconds >= 0 else { return jittered }
        let asked = Duration.milliseconds(retryAfterMilliseconds)
        return max(jittered, min(asked, jittered + .seconds(5)))
    }
}
