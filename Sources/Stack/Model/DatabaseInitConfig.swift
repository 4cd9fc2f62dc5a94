/// Stage 08: the migrations' runner and the generated seed data.
public struct DatabaseInitConfig: Sendable, Equatable {
    public var events: Int
    public var sectionsPerEvent: Int
    public var seatsPerSection: Int
    /// In the currency's minor unit (KRW has none, so 50000 is ₩50,000).
    public var seatPrice: Int
    /// ISO 4217 code.
    public var currency: String
    /// The command the one-off ECS task runs (on the worker image) to apply migrations.
    public var migrateCommand: [String]
    /// How long `up` waits for the migration task to exit.
    public var timeoutSeconds: Int

    public init(events: Int = 3, sectionsPerEvent: Int = 10, seatsPerSection: Int = 500, seatPrice: Int = 50_000,
                currency: String = "KRW", migrateCommand: [String] = ["confirm-worker", "migrate"],
                timeoutSeconds: Int = 600) {
        self.events = events
        self.sectionsPerEvent = sectionsPerEvent
        self.seatsPerSection = seatsPerSection
        self.seatPrice = seatPrice
        self.currency = currency
        self.migrateCommand = migrateCommand
        self.timeoutSeconds = timeoutSeconds
    }

    public var totalSeats: Int { events * sectionsPerEvent * seatsPerSection }

    /// Bounds the seed so a typo cannot ask for billions of rows.
    public static let maxTotalSeats = 10_000_000
}
