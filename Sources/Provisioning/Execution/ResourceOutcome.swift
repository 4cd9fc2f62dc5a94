/// What happened to one resource during `up` or `down`.
public enum ResourceOutcome: Sendable, Hashable, CustomStringConvertible {
    case created
    case updated([String])
    case replaced
    case unchanged
    case deleted
    /// Already gone when teardown reached it.
    case absent
    case failed(String)
    case skipped(String)

    /// True for outcomes that called a mutating API.
    public var mutated: Bool {
        switch self {
        case .created, .updated, .replaced, .deleted: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .created: "created"
        case let .updated(fields): "updated \(fields.joined(separator: ", "))"
        case .replaced: "replaced"
        case .unchanged: "unchanged"
        case .deleted: "deleted"
        case .absent: "already gone"
        case let .failed(message): "failed: \(message)"
        case let .skipped(reason): "skipped: \(reason)"
        }
    }
}

/// The result of `up`: the plan it followed, each resource's outcome, and every failure.
public struct ApplyReport: Sendable {
    public let plan: Plan
    public let outcomes: [ResourceAddress: ResourceOutcome]
    /// Every failure, in address order: plan-time refusals, step errors, environment errors.
    public let failures: [ResourceFailure]

    /// True when an interrupt stopped the run before every step started.
    public var interrupted: Bool { outcomes.values.contains(.skipped(GraphWalk.interruptedReason)) }

    public var succeeded: Bool { failures.isEmpty && !interrupted }

    /// Addresses whose outcome called a mutating API.
    public var mutated: [ResourceAddress] { outcomes.filter(\.value.mutated).keys.sorted() }
}

/// The result of `down`: outcomes, failures, and what the final sweep by tag still found.
public struct DestroyReport: Sendable {
    public let plan: Plan
    public let outcomes: [ResourceAddress: ResourceOutcome]
    public let failures: [ResourceFailure]
    /// Tagged objects of the selected stages still live after teardown.
    public let leftovers: [TaggedResource]

    /// True when an interrupt stopped the run before every step started.
    public var interrupted: Bool { outcomes.values.contains(.skipped(GraphWalk.interruptedReason)) }

    /// False when anything failed, was interrupted or was left behind (the CLI exits non-zero).
    public var succeeded: Bool { failures.isEmpty && leftovers.isEmpty && !interrupted }
}

/// Planning could not finish: reads failed or the selection is inconsistent. Nothing was mutated.
public struct PlanFailed: Error, CustomStringConvertible {
    public let failures: [ResourceFailure]

    public var description: String {
        (["planning failed, nothing was changed:"] + failures.map { "  \($0)" }).joined(separator: "\n")
    }
}
