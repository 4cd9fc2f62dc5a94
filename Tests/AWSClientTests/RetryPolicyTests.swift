@testable import AWSClient
import Testing

@Suite("Retry policy: configuration, classification, backoff, quota")
struct RetryPolicyTests {
    static func profile(_ settings: [String: String]) -> Profile {
        Profile(name: "p", settings: settings.mapValues { .init(value: $0, location: "~/.aws/config:3", subProperties: [:]) },
                location: "~/.aws/config:1")
    }

    @Test func defaultsToThreeStandardAttempts() throws {
        let configuration = try RetryConfiguration.resolve(environment: AWSEnvironment(), profile: nil)
        #expect(configuration.maxAttempts == 3)
        #expect(configuration.mode == .standard)
        #expect(configuration.maxBackoff == .seconds(20))
    }

    @Test func environmentBeatsProfile() throws {
        let profile = Self.profile(["max_attempts": "7", "retry_mode": "adaptive"])
        let fromProfile = try RetryConfiguration.resolve(environment: AWSEnvironment(), profile: profile)
        #expect(fromProfile.maxAttempts == 7 && fromProfile.mode == .adaptive)
        let fromEnvironment = try RetryConfiguration.resolve(
            environment: AWSEnvironment(["AWS_MAX_ATTEMPTS": "5", "AWS_RETRY_MODE": "standard"]), profile: profile)
        #expect(fromEnvironment.maxAttempts == 5 && fromEnvironment.mode == .standard)
    }

    @Test func badValuesNameTheirSource() {
        do {
            _ = try RetryConfiguration.resolve(environment: AWSEnvironment(["AWS_MAX_ATTEMPTS": "zero"]), profile: nil)
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "max_attempts = 'zero' (from AWS_MAX_ATTEMPTS): expected a whole number of at least 1")
        }
        do {
            _ = try RetryConfiguration.resolve(environment: AWSEnvironment(), profile: Self.profile(["retry_mode": "eager"]))
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "retry_mode = 'eager' (from profile 'p' (~/.aws/config:3)): expected standard, legacy or adaptive")
        }
    }

    @Test(arguments: [
        ("ThrottlingException", 400, RetryClassification.throttling),
        ("Throttling", 400, .throttling),
        ("RequestLimitExceeded", 503, .throttling),
        ("TooManyRequestsException", 429, .throttling),
        ("ProvisionedThroughputExceededException", 400, .throttling),
        ("SlowDown", 503, .throttling),
        ("EC2ThrottledException", 400, .throttling),
        ("InternalError", 500, .transient),
        ("ServiceUnavailable", 503, .transient),
        ("502", 502, .transient),
        ("RequestTimeout", 400, .transient),
        ("RequestTimeTooSkewed", 403, .clockSkew),
        ("ValidationException", 400, .notRetryable),
        ("AccessDenied", 403, .notRetryable),
        ("ResourceNotFoundException", 400, .notRetryable),
    ] as [(String, Int, RetryClassification)])
    func classifiesServiceErrors(code: String, status: Int, expected: RetryClassification) {
        let error = AWSError(code: code, message: "", httpStatus: status, service: "x", action: "Y")
        #expect(RetryClassifier.classify(error) == expected)
    }

    @Test func classifiesTransportFailures() {
        func failure(_ kind: AWSTransportError.Kind) -> AWSTransportError {
            AWSTransportError(kind: kind, endpoint: "http://127.0.0.1:1", detail: "")
        }
        #expect(RetryClassifier.classify(failure(.connectionReset)) == .transient)
        #expect(RetryClassifier.classify(failure(.connectionRefused)) == .transient)
        #expect(RetryClassifier.classify(failure(.timeout)) == .timeout)
        #expect(RetryClassifier.classify(failure(.hostNotFound)) == .notRetryable)
    }

    @Test func backoffIsFullJitterCappedAtTwentySeconds() {
        let highest = ExponentialBackoff(base: .seconds(1), maxBackoff: .seconds(20), random: { 0.999999 })
        #expect(highest.delay(afterAttempt: 1) <= .seconds(1))
        #expect(highest.delay(afterAttempt: 3) > .milliseconds(3999) && highest.delay(afterAttempt: 3) <= .seconds(4))
        #expect(highest.delay(afterAttempt: 10) <= .seconds(20) && highest.delay(afterAttempt: 10) > .seconds(19))
        let lowest = ExponentialBackoff(base: .seconds(1), maxBackoff: .seconds(20), random: { 0 })
        #expect(lowest.delay(afterAttempt: 5) == .zero)
        // A service's x-amz-retry-after lengthens the wait by at most 5 s.
        #expect(lowest.delay(afterAttempt: 1, retryAfterMilliseconds: 1500) == .milliseconds(1500))
        #expect(lowest.delay(afterAttempt: 1, retryAfterMilliseconds: 60_000) == .seconds(5))
    }

    @Test func quotaChargesFiveOrTenAndRefundsOnSuccess() async {
        let quota = RetryQuota()
        #expect(await quota.acquire(for: .throttling) == 5)
        #expect(await quota.acquire(for: .timeout) == 10)
        #expect(await quota.available == 485)
        await quota.releaseAfterSuccess(acquired: 10)
        #expect(await quota.available == 495)
        await quota.releaseAfterSuccess(acquired: nil)
        #expect(await quota.available == 496)
        for _ in 0..<99 { _ = await quota.acquire(for: .transient) }
        #expect(await quota.available == 1)
        #expect(await quota.acquire(for: .transient) == nil)
        // Never above the initial 500.
        let full = RetryQuota()
        await full.releaseAfterSuccess(acquired: nil)
        #expect(await full.available == 500)
    }
}
