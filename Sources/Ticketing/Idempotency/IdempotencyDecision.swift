/// What was stored for an Idempotency-Key: the fingerprint of the first request and, once it
/// finished, its outcome (nil while the first request is still running).
public struct IdempotencyRecord<Outcome: Sendable>: Sendable {
    public let fingerprint: RequestFingerprint
    public let outcome: Outcome?

    public init(fingerprint: RequestFingerprint, outcome: Outcome?) {
        self.fingerprint = fingerprint
        self.outcome = outcome
    }
}

/// The answer to a request carrying an Idempotency-Key, decided from what the store holds —
/// a pure function, so the rule is the same in every service and testable without a store.
public enum IdempotencyDecision<Outcome: Sendable>: Sendable {
    /// First use of the key: do the work and store the outcome.
    case execute
    /// Same key, same body, finished: answer the stored outcome with `X-Idempotent-Replay: true`.
    case replay(Outcome)
    /// Same key, same body, still running elsewhere: 409, retry later.
    case inProgress
    /// Same key, different body: 422, never executed.
    case keyReused

    public static func decide(stored: IdempotencyRecord<Outcome>?, incoming: RequestFingerprint) -> Self {
        guard let stored else { return .execute }
        guard stored.fingerprint == incoming else { return .keyReused }
        guard let outcome = stored.outcome else { return .inProgress }
        return .replay(outcome)
    }

    /// The problem to answer with, or nil when the request proceeds or is replayed.
    public var problem: Problem? {
        switch self {
        case .execute, .replay: nil
        case .inProgress: Problem(.idempotencyInProgress, detail: "retry once the first request has finished")
        case .keyReused: Problem(.idempotencyKeyReused, detail: "use a new Idempotency-Key for a different request")
        }
    }
}

/// The response header that marks a replayed answer.
public enum IdempotencyHeaders {
    public static let key = "Idempotency-Key"
    public static let replay = "X-Idempotent-Replay"
}
