/// Whether and when a failed attempt is tried again: the attempt budget, the retry quota and
/// the backoff of one client, kept apart from sending (as soto-core's `RetryPolicy`).
/// Throttling retries skip the quota when `throttlingDrawsQuota` is off: the adaptive limiter
/// already slows those down, and a quota emptied by throttles would fail every later call.
struct RetryPolicy: Sendable {
    let configuration: RetryConfiguration
    let backoff: ExponentialBackoff
    let quota: RetryQuota

    var maxAttempts: Int { max(1, configuration.maxAttempts) }

    /// The decision after attempt number `attempt` (1-based) failed as `classification`.
    func decision(after classification: RetryClassification, attempt: Int,
                  retryAfterMilliseconds: Int?) async -> RetryDecision {
        guard classification.isRetryable, classification != .clockSkew else { return .stop(reason: "not retryable") }
        guard attempt < maxAttempts else { return .stop(reason: "giving up after \(attempt) attempts") }
        var cost: Int?
        if classification != .throttling || configuration.throttlingDrawsQuota {
            guard let paid = await quota.acquire(for: classification) else {
                return .stop(reason: "retry quota exhausted; not retrying")
            }
            cost = paid
        }
        return .retry(after: backoff.delay(afterAttempt: attempt, retryAfterMilliseconds: retryAfterMilliseconds),
                      quotaCost: cost)
    }
}
