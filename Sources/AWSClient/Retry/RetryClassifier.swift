/// Why an attempt failed, as far as retrying is concerned (the SDKs' standard mode lists).
public enum RetryClassification: Sendable, Equatable {
    /// The service asked us to slow down: retry with the full backoff.
    case throttling
    /// A server or network hiccup (5xx, reset, timeout): retry.
    case transient
    /// A timeout specifically: retry, at the higher quota cost.
    case timeout
    /// The request's signing time is off from the server's clock: correct and retry.
    case clockSkew
    /// The request itself is wrong, or the failure is permanent.
    case notRetryable

    public var isRetryable: Bool { self != .notRetryable }
}

public enum RetryClassifier {
    /// The throttling error codes of the SDKs' standard retry mode.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    public static let transientCodes: Set<String> = ["RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"]
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]
    /// Codes that always mean the signing time was rejected.
    public static let clockSkewCodes: Set<String> = ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"]
    /// Codes that mean a skewed clock when the server's `Date` is far from ours (or the message says so).
    public static let possibleClockSkewCodes: Set<String> = [
        "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure",
    ]

    /// Codes saying the session token expired: the credentials are fetched again, not the call repeated as is.
    public static let expiredCredentialCodes: Set<String> = ["ExpiredToken", "ExpiredTokenException"]

    public static func classify(_ error: AWSError) -> RetryClassification {
        if clockSkewCodes.contains(error.code) { return .clockSkew }
        if possibleClockSkewCodes.contains(error.code), error.message.lowercased().contains("signature expired") {
            return .clockSkew
        }
        if throttlingCodes.contains(error.code) { return .throttling }
        if transientCodes.contains(error.code) || transientStatuses.contains(error.httpStatus) { return .transient }
        return .notRetryable
    }

    public static func classify(_ error: AWSTransportError) -> RetryClassification {
        switch error.kind {
        case .timeout: return .timeout
        case .connectionRefused, .connectionReset: return .transient
        case .tls, .hostNotFound, .other: return .notRetryable
        }
    }
}
