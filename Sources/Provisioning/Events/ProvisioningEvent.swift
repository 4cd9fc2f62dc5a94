import AWSClient

/// What the engine reports while it works; the CLI prints these as progress lines.
public enum ProvisioningEvent: Sendable, CustomStringConvertible {
    /// A step on one resource began (`read`, `create`, `update`, `delete`, …).
    case started(ResourceAddress, step: String)
    /// A long wait is in progress.
    case waiting(WaitProgress)
    /// A step on one resource ended.
    case finished(ResourceAddress, outcome: String, elapsed: Duration)
    case failed(ResourceAddress, message: String)
    /// Not attempted, e.g. because a dependency failed.
    case skipped(ResourceAddress, reason: String)
    /// A tagged object the stack no longer describes.
    case orphan(TaggedResource)
    /// Something a resource wants the operator to see while it works (e.g. a one-off task's log line).
    case note(ResourceAddress, message: String)
    /// A throttled service's paced send rate in one region changed (told once per change, not per retry).
    case throttled(SendRateChange)

    public var description: String {
        switch self {
        case let .started(address, step): "\(address): \(step)…"
        case let .waiting(progress): progress.description
        case let .finished(address, outcome, elapsed): "\(address): \(outcome) (\(DurationText.short(elapsed)))"
        case let .failed(address, message): "\(address): FAILED: \(message)"
        case let .skipped(address, reason): "\(address): skipped: \(reason)"
        case let .orphan(resource): "orphan: \(resource)"
        case let .note(address, message): "\(address): \(message)"
        case let .throttled(change): change.description
        }
    }
}

/// One report of an ongoing wait: what is awaited, for how long so far, the last status seen.
public struct WaitProgress: Sendable, CustomStringConvertible {
    public let subject: ResourceAddress?
    public let what: String
    public let elapsed: Duration
    public let status: String?

    public var description: String {
        let prefix = subject.map { "\($0): " } ?? ""
        let suffix = status.map { ", status \($0)" } ?? ""
        return "\(prefix)waiting for \(what) (\(DurationText.short(elapsed))\(suffix))"
    }
}

enum DurationText {
    /// `850ms`, `4.2s`, `3m05s`.
    static func short(_ duration: Duration) -> String {
        let millis = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if millis < 1000 { return "\(millis)ms" }
        if millis < 60_000 { return "\(millis / 1000).\((millis % 1000) / 100)s" }
        let seconds = millis / 1000
        let rest = seconds % 60
        return "\(seconds / 60)m\(rest < 10 ? "0" : "")\(rest)s"
    }
}
