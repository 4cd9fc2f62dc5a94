import FoundationEssentials

/// Signing time = local clock + an offset learned from the server's `Date` header, so a
/// machine with a wrong clock still gets its requests accepted (SigV4 allows 5 minutes).
public actor ClockSkewCorrector {
    /// Server time minus local time, in seconds.
    public private(set) var offset: TimeInterval = 0
    /// Skew below this is noise (`Date` has one-second resolution).
    static let significantSkew: TimeInterval = 2
    /// For the "possibly skewed" codes, how far off the clock must be to blame it (SigV4's window is 5 min).
    static let suspiciousSkew: TimeInterval = 240

    private let localNow: @Sendable () -> Date

    public init(localNow: @escaping @Sendable () -> Date = { Date() }) {
        self.localNow = localNow
    }

    /// The time to sign with.
    public func now() -> Date {
        localNow().addingTimeInterval(offset)
    }

    /// Learns the offset from a failed answer. Returns `true` when the request should be
    /// signed again with the corrected time.
    public func correct(after error: AWSError) -> Bool {
        guard let dateText = error.serverDate, let serverDate = ISO8601Timestamp.parseHTTPDate(dateText) else { return false }
        let local = localNow()
        let measured = serverDate.timeIntervalSince(local)
        let certain = RetryClassifier.clockSkewCodes.contains(error.code)
            || error.message.lowercased().contains("signature expired")
        let suspicious = RetryClassifier.possibleClockSkewCodes.contains(error.code)
            && abs(measured - offset) > Self.suspiciousSkew
        guard certain || suspicious, abs(measured - offset) > Self.significantSkew else { return false }
        offset = measured
        return true
    }
}
