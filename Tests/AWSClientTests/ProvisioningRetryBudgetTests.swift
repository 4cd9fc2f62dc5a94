@testable import AWSClient
import Testing

@Suite("Provisioning retry budget and the retry policy's quota")
struct ProvisioningRetryBudgetTests {
    @Test func unsetSettingsGetTheBudget() throws {
        let environment = AWSEnvironment()
        let budget = try ProvisioningRetryBudget.applied(
            to: try RetryConfiguration.resolve(environment: environment, profile: nil), environment: environment)
        #expect(budget.maxAttempts == 25 && budget.mode == .adaptive)
        #expect(budget.baseDelay == .seconds(1) && budget.maxBackoff == .seconds(20))
        #expect(!budget.throttlingDrawsQuota)
    }

    @Test func theUsersSettingsKeepTheirMeaning() throws {
        let environment = AWSEnvironment(["AWS_MAX_ATTEMPTS": "4", "AWS_RETRY_MODE": "standard"])
        let budget = try ProvisioningRetryBudget.applied(
            to: try RetryConfiguration.resolve(environment: environment, profile: nil), environment: environment)
        #expect(budget.maxAttempts == 4 && budget.mode == .standard)
        let profile = RetryPolicyTests.profile(["retry_mode": "legacy"])
        let fromProfile = try ProvisioningRetryBudget.applied(
            to: try RetryConfiguration.resolve(environment: AWSEnvironment(), profile: profile), environment: AWSEnvironment())
        #expect(fromProfile.maxAttempts == 25 && fromProfile.mode == .legacy)
    }

    @Test func testsShortenTheWaitsAndBadValuesNameTheVariable() throws {
        let environment = AWSEnvironment(["TPSCTL_RETRY_BASE_DELAY_MS": "5", "TPSCTL_RETRY_MAX_BACKOFF_MS": "200",
                                          "TPSCTL_ADAPTIVE_MIN_RATE": "4"])
        let budget = try ProvisioningRetryBudget.applied(to: RetryConfiguration(), environment: environment)
        #expect(budget.baseDelay == .milliseconds(5) && budget.maxBackoff == .milliseconds(200))
        #expect(budget.adaptiveMinimumRate == 4)
        #expect(try ProvisioningRetryBudget.applied(to: RetryConfiguration(), environment: AWSEnvironment())
            .adaptiveMinimumRate == 0.5)
        #expect(throws: AWSConfigurationError.invalidSetting(
            name: "TPSCTL_RETRY_MAX_BACKOFF_MS", value: "soon", source: "TPSCTL_RETRY_MAX_BACKOFF_MS",
            expected: "a whole number of milliseconds, at least 1")) {
            try ProvisioningRetryBudget.applied(
                to: RetryConfiguration(), environment: AWSEnvironment(["TPSCTL_RETRY_MAX_BACKOFF_MS": "soon"]))
        }
    }

    @Test func throttlingRetriesSkipTheQuotaOnlyWhenTheBudgetSaysSo() async {
        var budget = RetryConfiguration(maxAttempts: 25, mode: .adaptive)
        budget.throttlingDrawsQuota = false
        let policy = RetryPolicy(configuration: budget, backoff: ExponentialBackoff(base: .zero, maxBackoff: .zero),
                                 quota: RetryQuota(capacity: 10))
        for attempt in 1...24 {
            #expect(await policy.decision(after: .throttling, attempt: attempt, retryAfterMilliseconds: nil)
                == .retry(after: .zero, quotaCost: nil))
        }
        #expect(await policy.decision(after: .throttling, attempt: 25, retryAfterMilliseconds: nil)
            == .stop(reason: "giving up after 25 attempts"))
        // A 503 storm still drains the quota: two retries of 5, then none.
        #expect(await policy.decision(after: .transient, attempt: 1, retryAfterMilliseconds: nil) == .retry(after: .zero, quotaCost: 5))
        #expect(await policy.decision(after: .transient, attempt: 1, retryAfterMilliseconds: nil) == .retry(after: .zero, quotaCost: 5))
        #expect(await policy.decision(after: .transient, attempt: 1, retryAfterMilliseconds: nil)
            == .stop(reason: "retry quota exhausted; not retrying"))

        let standard = RetryPolicy(configuration: RetryConfiguration(maxAttempts: 25), backoff: ExponentialBackoff(base: .zero, maxBackoff: .zero),
                                   quota: RetryQuota(capacity: 5))
        #expect(await standard.decision(after: .throttling, attempt: 1, retryAfterMilliseconds: nil) == .retry(after: .zero, quotaCost: 5))
        #expect(await standard.decision(after: .throttling, attempt: 2, retryAfterMilliseconds: nil)
            == .stop(reason: "retry quota exhausted; not retrying"))
    }
}
