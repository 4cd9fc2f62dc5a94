/// The retry budget of control-plane calls made by `plan`, `up`, `down` and `diff`.
///
/// 25 attempts, as Terraform's AWS provider: with full jitter, a 1 s base and a 20 s cap, a call
/// keeps trying through about 3½ minutes of sustained throttling (the expected sum of its 24
/// waits), long enough to outlast CI, the console and other tools sharing an account's EC2
/// Describe quota, short enough that a real outage still ends the run within minutes. The cap
/// is the SDKs' 20 s: longer waits would only idle a run whose other calls already slowed down.
/// The mode is `adaptive`, so a throttled service in one region slows only its own calls there,
/// and throttling retries do not pay the retry quota (the limiter paces them); transient errors
/// still do, so a failing service is not hammered. Data-plane calls keep the SDKs' 3.
///
/// AWS_MAX_ATTEMPTS / `max_attempts` and AWS_RETRY_MODE / `retry_mode` still win when set.
/// TPSCTL_RETRY_BASE_DELAY_MS and TPSCTL_RETRY_MAX_BACKOFF_MS shorten the waits for tests, and
/// TPSCTL_ADAPTIVE_MIN_RATE raises the adaptive floor (an emulator throttling at random, unlike
/// AWS, would otherwise pin every service near 0.5 calls/s and make a test run for minutes).
public enum ProvisioningRetryBudget {
    public static let maxAttempts = 25
    public static let baseDelay: Duration = .seconds(1)
    public static let maxBackoff: Duration = .seconds(20)

    /// `configuration` (as resolved from the user's settings) with the provisioning budget
    /// wherever the user set nothing.
    public static func applied(to configuration: RetryConfiguration,
                               environment: AWSEnvironment) throws -> RetryConfiguration {
        var budget = configuration
        if !configuration.maxAttemptsIsExplicit { budget.maxAttempts = maxAttempts }
        if !configuration.modeIsExplicit { budget.mode = .adaptive }
        budget.throttlingDrawsQuota = false
        budget.baseDelay = try milliseconds("TPSCTL_RETRY_BASE_DELAY_MS", environment) ?? baseDelay
        budget.maxBackoff = try milliseconds("TPSCTL_RETRY_MAX_BACKOFF_MS", environment) ?? maxBackoff
        if let raw = environment["TPSCTL_ADAPTIVE_MIN_RATE"] {
            guard let rate = Double(raw.trimmingWhitespace()), rate > 0, rate.isFinite else {
                throw AWSConfigurationError.invalidSetting(
                    name: "TPSCTL_ADAPTIVE_MIN_RATE", value: raw, source: "TPSCTL_ADAPTIVE_MIN_RATE",
                    expected: "calls per second, above 0")
            }
            budget.adaptiveMinimumRate = rate
        }
        return budget
    }

    private static func milliseconds(_ variable: String, _ environment: AWSEnvironment) throws -> Duration? {
        guard let raw = environment[variable] else { return nil }
        guard let value = Int(raw.trimmingWhitespace()), value >= 1 else {
            throw AWSConfigurationError.invalidSetting(
                name: variable, value: raw, source: variable, expected: "a whole number of milliseconds, at least 1")
        }
        return .milliseconds(value)
    }
}
