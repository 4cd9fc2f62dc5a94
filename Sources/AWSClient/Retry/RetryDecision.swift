/// What the retry policy says after a failed attempt.
enum RetryDecision: Sendable, Equatable {
    /// Try again after `delay`; `quotaCost` is what the retry quota paid (nil: it was not asked).
    case retry(after: Duration, quotaCost: Int?)
    /// Return the failure; `reason` is for the `-v` log.
    case stop(reason: String)
}
