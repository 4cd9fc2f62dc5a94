import FoundationEssentials

/// The SDK retry mode names. `adaptive` is `standard` plus a client-side rate limiter per
/// service and region (`AdaptiveRateLimiter`); `legacy` is accepted (so a shared config
/// written for the AWS CLI keeps working) and runs as `standard`.
public enum RetryMode: String, Sendable, CaseIterable {
    case standard, legacy, adaptive
}

/// How many attempts a call gets and how long to wait between them (the SDKs' `standard` mode).
public struct RetryConfiguration: Sendable, Equatable {
    /// Attempts in all, the first included (AWS_MAX_ATTEMPTS / `max_attempts`; default 3).
    public var maxAttempts: Int
    public var mode: RetryMode
    /// The backoff unit: before retry i (1-based) the wait is `random(0,1) × min(base × 2^(i-1), maxBackoff)`.
    public var baseDelay: Duration
    public var maxBackoff: Duration
    /// Whether throttling retries pay the retry quota (the standard mode's rule). The
    /// provisioning budget turns it off: its adaptive limiter paces throttled calls instead.
    public var throttlingDrawsQuota = true
    /// Adaptive mode: the slowest pace a throttle can impose, in calls per second (the SDKs' 0.5).
    public var adaptiveMinimumRate = 0.5
    /// Set by AWS_MAX_ATTEMPTS or `max_attempts`: then no budget overrides it.
    public var maxAttemptsIsExplicit = false
    /// Set by AWS_RETRY_MODE or `retry_mode`: then no budget overrides it.
    public var modeIsExplicit = false

    public static let defaultMaxAttempts = 3

    public init(maxAttempts: Int = RetryConfiguration.defaultMaxAttempts, mode: RetryMode = .standard,
                baseDelay: Duration = .seconds(1), maxBackoff: Duration = .seconds(20)) {
        self.maxAttempts = maxAttempts; self.mode = mode
        self.baseDelay = baseDelay; self.maxBackoff = maxBackoff
    }

    /// Reads AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, then the profile's `max_attempts` / `retry_mode`.
    public static func resolve(environment: AWSEnvironment, profile: Profile?) throws -> RetryConfiguration {
        var configuration = RetryConfiguration()
        if let (raw, source) = setting("AWS_MAX_ATTEMPTS", "max_attempts", environment, profile) {
            guard let value = Int(raw.trimmingWhitespace()), value >= 1 else {
                throw AWSConfigurationError.invalidSetting(
                    name: "max_attempts", value: raw, source: source, expected: "a whole number of at least 1")
            }
            configuration.maxAttempts = value
            configuration.maxAttemptsIsExplicit = true
        }
        if let (raw, source) = setting("AWS_RETRY_MODE", "retry_mode", environment, profile) {
            guard let mode = RetryMode(rawValue: raw.trimmingWhitespace().lowercased()) else {
                throw AWSConfigurationError.invalidSetting(
                    name: "retry_mode", value: raw, source: source, expected: "standard, legacy or adaptive")
            }
            configuration.mode = mode
            configuration.modeIsExplicit = true
        }
        return configuration
    }

    private static func setting(_ variable: String, _ key: String, _ environment: AWSEnvironment,
                                _ profile: Profile?) -> (String, String)? {
        if let value = environment[variable] { return (value, variable) }
        if let profile, let value = profile[key] {
            return (value, "profile '\(profile.name)' (\(profile.location(of: key)))")
        }
        return nil
    }
}
