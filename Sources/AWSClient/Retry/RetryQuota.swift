/// The standard mode's retry token bucket, one per client: 500 tokens; a retry costs 5
/// (10 after a timeout); a success refunds what its retry cost, or 1 when it needed none.
/// When the bucket is empty, failures are returned at once instead of retried, so a service
/// in trouble is not hammered by every caller's retries.
public actor RetryQuota {
    public static let initialCapacity = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10
    public static let noRetryIncrement = 1

    public private(set) var available: Int
    private let capacity: Int

    public init(capacity: Int = RetryQuota.initialCapacity) {
        self.capacity = capacity
        self.available = capacity
    }

    /// Takes the cost of one retry; `nil` when the bucket cannot pay it.
    public func acquire(for classification: RetryClassification) -> Int? {
        let cost = classification == .timeout ? Self.timeoutRetryCost : Self.retryCost
        guard available >= cost else { return nil }
        available -= cost
        return cost
    }

    /// After a successful call: refunds the last retry's cost, or adds 1 for a first-try success.
    public func releaseAfterSuccess(acquired: Int?) {
        available = min(capacity, available + (acquired ?? Self.noRetryIncrement))
    }
}
