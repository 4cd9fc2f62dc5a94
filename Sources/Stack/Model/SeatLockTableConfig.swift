/// The DynamoDB seat-lock table (on demand; holds expire through TTL).
public struct SeatLockTableConfig: Sendable, Equatable {
    /// The item attribute (epoch seconds) DynamoDB's TTL deletes expired holds by.
    public var ttlAttribute: String
    public var pointInTimeRecovery: Bool

    public init(ttlAttribute: String = "expiresAt", pointInTimeRecovery: Bool = true) {
        self.ttlAttribute = ttlAttribute
        self.pointInTimeRecovery = pointInTimeRecovery
    }
}
