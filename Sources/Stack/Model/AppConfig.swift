/// Tuning of the ticketing services that tpsctl passes through as environment variables
/// (`ADMISSION_RATE_PER_SEC`, `HOLD_TTL_SEC`).
public struct AppConfig: Sendable, Equatable {
    /// How many users per second the waiting room admits.
    public var admissionRatePerSecond: Int
    /// How long a seat hold lasts before it expires in Redis and DynamoDB.
    public var holdTTLSeconds: Int

    public init(admissionRatePerSecond: Int = 2000, holdTTLSeconds: Int = 300) {
        self.admissionRatePerSecond = admissionRatePerSecond
        self.holdTTLSeconds = holdTTLSeconds
    }
}
