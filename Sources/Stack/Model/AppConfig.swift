/// Tuning of the ticketing services that tpsctl passes through as environment variables
/// (`ADMISSION_RATE_PER_SEC`, `HOLD_TTL_SEC`, `MAX_HOLDS_PER_USER`).
public struct AppConfig: Sendable, Equatable {
    /// How many users per second the waiting room admits.
    public var admissionRatePerSecond: Int
    /// How long a seat hold lasts before it expires in Redis and DynamoDB.
    public var holdTTLSeconds: Int
    /// The most seats one user may hold at once in one event, so one room token cannot take a section.
    public var maxHoldsPerUser: Int

    public init(admissionRatePerSecond: Int = 2000, holdTTLSeconds: Int = 300, maxHoldsPerUser: Int = 4) {
        self.admissionRatePerSecond = admissionRatePerSecond
        self.holdTTLSeconds = holdTTLSeconds
        self.maxHoldsPerUser = maxHoldsPerUser
    }
}
