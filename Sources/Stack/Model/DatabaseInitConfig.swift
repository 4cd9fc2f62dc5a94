/// Stage 08: the migrations' runner and the generated seed data (`templates/db/seed.sql.template`).
/// The bounds match Ticketing's `SeedParameters`, so a validated stack always seeds.
public struct DatabaseInitConfig: Sendable, Equatable {
    public var events: Int
    public var sectionsPerEvent: Int
    public var seatsPerSection: Int
    /// The price of the cheapest section, in the currency's minor unit (KRW has none: 50000 is ₩50,000).
    public var basePriceMinor: Int
    /// How much dearer each section is than the next one (section 1 is the dearest).
    public var priceStepMinor: Int
    /// ISO 4217 code.
    public var currency: String
    /// Each seeded event's sale (its waiting room) opens this many seconds after it is first
    /// seeded; re-seeding keeps the recorded time.
    public var saleStartOffsetSeconds: Int
    /// The command the one-off ECS task runs (on the worker image) to apply migrations.
    public var migrateCommand: [String]
    /// How long `up` waits for the migration task to exit.
    public var timeoutSeconds: Int

    public init(events: Int = 3, sectionsPerEvent: Int = 10, seatsPerSection: Int = 500,
                basePriceMinor: Int = 50_000, priceStepMinor: Int = 10_000, currency: String = "KRW",
                saleStartOffsetSeconds: Int = 0,
                migrateCommand: [String] = ["confirm-worker", "migrate"], timeoutSeconds: Int = 600) {
        self.events = events
        self.sectionsPerEvent = sectionsPerEvent
        self.seatsPerSection = seatsPerSection
        self.basePriceMinor = basePriceMinor
        self.priceStepMinor = priceStepMinor
        self.currency = currency
        self.saleStartOffsetSeconds = saleStartOffsetSeconds
        self.migrateCommand = migrateCommand
        self.timeoutSeconds = timeoutSeconds
    }

    public var totalSeats: Int { events * sectionsPerEvent * seatsPerSection }

    public static let eventsRange = 1...9_999
    public static let sectionsRange = 1...99
    public static let seatsRange = 1...99_999
    public static let priceRange = 0...1_000_000_000
    /// Up to a year ahead.
    public static let saleStartOffsetRange = 0...31_536_000
    /// Bounds the seed so a typo cannot ask for billions of rows.
    public static let maxTotalSeats = 5_000_000

    /// The values `templates/db/seed.sql.template` is rendered with.
    public var seedTemplateValues: [String: TemplateValue] {
        ["eventCount": .integer(events), "sectionsPerEvent": .integer(sectionsPerEvent),
         "seatsPerSection": .integer(seatsPerSection), "basePriceMinor": .integer(basePriceMinor),
         "priceStepMinor": .integer(priceStepMinor), "currency": .string(currency),
         "saleStartOffsetSeconds": .integer(saleStartOffsetSeconds)]
    }
}
