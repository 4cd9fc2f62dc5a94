/// The DynamoDB seat-lock table (on demand; holds expire through TTL).
public struct SeatLockTableConfig: Sendable, Equatable {
    /// The item attribute (epoch seconds) DynamoDB's TTL deletes expired holds by.
    public var ttlAttribute: String
    public var pointInTimeRecovery: Bool
    /// The hold rate the table must serve from the first second of a sale. A new on-demand table
    /// serves at once only 4,000 writes/s (12,000 reads/s) and scales up behind traffic, throttling
    /// meanwhile; the table is pre-warmed (`WarmThroughput`) to this rate instead. Default: the
    /// seed's 10 % purchases of 100,000 TPS.
    public var expectedHoldsPerSecond: Int

    public static let expectedHoldsPerSecondRange = 1...200_000
    /// Per hold: the conditional PutItem, then the DeleteItem at release or after the commit (TTL
    /// deletions are free) — items under 1 KB, one write unit each.
    public static let writeUnitsPerHold = 2
    /// Per hold: confirm-api's strongly consistent BatchGetItem at the intent and at the commit.
    public static let readUnitsPerHold = 2
    /// What DynamoDB gives a new on-demand table; warm throughput never asks for less.
    public static let newTableWriteUnits = 4_000
    public static let newTableReadUnits = 12_000

    public init(ttlAttribute: String = "expiresAt", pointInTimeRecovery: Bool = true,
                expectedHoldsPerSecond: Int = 10_000) {
        self.ttlAttribute = ttlAttribute
        self.pointInTimeRecovery = pointInTimeRecovery
        self.expectedHoldsPerSecond = expectedHoldsPerSecond
    }

    /// The table's warm write units per second: the expected holds' writes, at least a new table's.
    public var warmWriteUnitsPerSecond: Int {
        max(Self.newTableWriteUnits, expectedHoldsPerSecond * Self.writeUnitsPerHold)
    }

    /// The table's warm read units per second: the expected holds' reads, at least a new table's.
    public var warmReadUnitsPerSecond: Int {
        max(Self.newTableReadUnits, expectedHoldsPerSecond * Self.readUnitsPerHold)
    }
}
