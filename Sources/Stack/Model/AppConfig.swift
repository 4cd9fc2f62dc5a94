/// Tuning of the ticketing services that tpsctl passes through as environment variables
/// (`ADMISSION_RATE_PER_SEC`, `HOLD_TTL_SEC`, `MAX_HOLDS_PER_USER`, `SALES_REGION`).
public struct AppConfig: Sendable, Equatable {
    /// How many users per second the waiting room admits.
    public var admissionRatePerSecond: Int
    /// How long a seat hold lasts before it expires in Redis and DynamoDB.
    public var holdTTLSeconds: Int
    /// The most seats one user may hold at once in one event, so one room token cannot take a section.
    public var maxHoldsPerUser: Int
    /// The one region that sells (`app.homeRegion`; nil = the stack's first region). Each region
    /// has its own Redis, DynamoDB and Aurora, so a second selling region could sell a seat twice;
    /// `Stack.homeRegion` resolves it.
    public var homeRegion: AWSRegion?

    public init(admissionRatePerSecond: Int = 2000, holdTTLSeconds: Int = 300, maxHoldsPerUser: Int = 4,
                homeRegion: AWSRegion? = nil) {
        self.admissionRatePerSecond = admissionRatePerSecond
        self.holdTTLSeconds = holdTTLSeconds
        self.maxHoldsPerUser = maxHoldsPerUser
        self.homeRegion = homeRegion
    }
}
