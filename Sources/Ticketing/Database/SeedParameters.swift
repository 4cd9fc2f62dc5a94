import FoundationEssentials

/// The stack's seed sizes and prices, checked and substituted into templates/db/seed.sql.template.
/// Only bounded integers and a three-letter currency reach the SQL, so rendering cannot inject.
public struct SeedParameters: Sendable, Hashable {
    public let eventCount: Int
    public let sectionsPerEvent: Int
    public let seatsPerSection: Int
    public let basePriceMinor: Int64
    public let priceStepMinor: Int64
    public let currency: String
    /// Seconds from the seeding to each new event's sale start (the waiting room's opening).
    public let saleStartOffsetSeconds: Int

    public static let maximumSeats = 5_000_000

    public enum SeedError: Error, Sendable, Hashable, CustomStringConvertible {
        case outOfRange(field: String, range: String)
        case badCurrency
        case unknownPlaceholder(String)

        public var description: String {
            switch self {
            case .outOfRange(let field, let range): "seed \(field) must be in \(range)"
            case .badCurrency: "seed currency must be three uppercase letters (ISO 4217)"
            case .unknownPlaceholder(let name): "seed template has an unknown placeholder {{\(name)}}"
            }
        }
    }

    public init(eventCount: Int, sectionsPerEvent: Int, seatsPerSection: Int, basePriceMinor: Int64,
                priceStepMinor: Int64, currency: String, saleStartOffsetSeconds: Int = 0) throws(SeedError) {
        guard (1...9_999).contains(eventCount) else { throw .outOfRange(field: "eventCount", range: "1...9999") }
        guard (1...99).contains(sectionsPerEvent) else { throw .outOfRange(field: "sectionsPerEvent", range: "1...99") }
        guard (1...99_999).contains(seatsPerSection) else {
            throw .outOfRange(field: "seatsPerSection", range: "1...99999")
        }
        guard eventCount * sectionsPerEvent * seatsPerSection <= Self.maximumSeats else {
            throw .outOfRange(field: "total seats (events × sections × seats)", range: "1...\(Self.maximumSeats)")
        }
        guard (0...1_000_000_000).contains(basePriceMinor) else {
            throw .outOfRange(field: "basePriceMinor", range: "0...1000000000")
        }
        guard (0...1_000_000_000).contains(priceStepMinor) else {
            throw .outOfRange(field: "priceStepMinor", range: "0...1000000000")
        }
        guard FieldRules.isCurrency(currency) else { throw .badCurrency }
        guard (0...31_536_000).contains(saleStartOffsetSeconds) else {
            throw .outOfRange(field: "saleStartOffsetSeconds", range: "0...31536000")
        }
        self.eventCount = eventCount
        self.sectionsPerEvent = sectionsPerEvent
        self.seatsPerSection = seatsPerSection
        self.basePriceMinor = basePriceMinor
        self.priceStepMinor = priceStepMinor
        self.currency = currency
        self.saleStartOffsetSeconds = saleStartOffsetSeconds
    }

    public var totalSeats: Int { eventCount * sectionsPerEvent * seatsPerSection }

    /// The template with every `{{name}}` replaced; an unknown name is an error, not left in.
    public func render(template: String) throws(SeedError) -> String {
        let values: [String: String] = [
            "eventCount": String(eventCount), "sectionsPerEvent": String(sectionsPerEvent),
            "seatsPerSection": String(seatsPerSection), "basePriceMinor": String(basePriceMinor),
            "priceStepMinor": String(priceStepMinor), "currency": currency,
            "saleStartOffsetSeconds": String(saleStartOffsetSeconds),
        ]
        var output = ""
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else {
                throw .unknownPlaceholder(String(rest[open.upperBound...].prefix(20)))
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let value = values[name] else { throw .unknownPlaceholder(name) }
            output += value
            rest = rest[close.upperBound...]
        }
        return output + rest
    }
}
