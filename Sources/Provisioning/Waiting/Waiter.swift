/// Polls until something is done, with backoff and a timeout, describing what it waits for.
/// Cancellation ends the wait at the next sleep.
public struct Waiter: Sendable {
    public let policy: WaitPolicy
    public let events: EventSink
    public let subject: ResourceAddress?

    public init(policy: WaitPolicy = .init(), events: EventSink = .discard, subject: ResourceAddress? = nil) {
        self.policy = policy
        self.events = events
        self.subject = subject
    }

    public func wait<Value: Sendable>(
        for what: String, timeout: Duration? = nil,
        _ check: @Sendable () async throws -> WaitStatus<Value>
    ) async throws -> Value {
        let clock = ContinuousClock()
        let start = clock.now
        let limit = timeout ?? policy.timeout
        var interval = policy.initialInterval
        var lastReport: ContinuousClock.Instant?
        var lastStatus: String?
        while true {
            switch try await check() {
            case let .done(value):
                return value
            case let .failed(reason):
                throw WaitFailed(subject: subject, what: what, reason: reason)
            case let .pending(status):
                lastStatus = status
            }
            let elapsed = start.duration(to: clock.now)
            if lastReport.map({ $0.duration(to: clock.now) >= policy.progressInterval }) ?? true {
                events.emit(.waiting(WaitProgress(subject: subject, what: what, elapsed: elapsed, status: lastStatus)))
                lastReport = clock.now
            }
            guard elapsed < limit else {
                throw WaitTimeout(subject: subject, what: what, elapsed: elapsed, lastStatus: lastStatus)
            }
            try await Task.sleep(for: min(interval, limit - elapsed))
            interval = policy.next(after: interval)
        }
    }
}

/// A wait ran out of time; names what was awaited and the last status seen.
public struct WaitTimeout: Error, CustomStringConvertible {
    public let subject: ResourceAddress?
    public let what: String
    public let elapsed: Duration
    public let lastStatus: String?

    public var description: String {
        let prefix = subject.map { "\($0): " } ?? ""
        let status = lastStatus.map { " (last status: \($0))" } ?? ""
        return "\(prefix)gave up waiting for \(what) after \(DurationText.short(elapsed))\(status)"
    }
}

/// A wait ended because the awaited object can no longer get there.
public struct WaitFailed: Error, CustomStringConvertible {
    public let subject: ResourceAddress?
    public let what: String
    public let reason: String

    public var description: String {
        let prefix = subject.map { "\($0): " } ?? ""
        return "\(prefix)stopped waiting for \(what): \(reason)"
    }
}
