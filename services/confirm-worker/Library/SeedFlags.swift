import Ticketing

/// The optional `--seed-*` flags of `confirm-worker migrate`: the six sizes and prices or none, so
/// a half-given seed never runs with silent defaults; `--seed-sale-start-offset` (seconds from
/// seeding to each event's sale start) may be left out and is then 0. Bounds are `SeedParameters`' own.
enum SeedFlags {
    static let names = ["--seed-events", "--seed-sections", "--seed-seats", "--seed-base-price",
                        "--seed-price-step", "--seed-currency"]
    static let saleStartOffset = "--seed-sale-start-offset"

    static func parse(_ arguments: [String]) throws -> SeedParameters? {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            guard names.contains(flag) || flag == saleStartOffset else { throw MigrateUsageError("unknown argument \(flag)") }
            guard index + 1 < arguments.count else { throw MigrateUsageError("\(flag) needs a value") }
            values[flag] = arguments[index + 1]
            index += 2
        }
        if values.isEmpty { return nil }
        if let missing = names.first(where: { values[$0] == nil }) {
            throw MigrateUsageError("\(missing) is required when seeding")
        }
        func integer(_ flag: String) throws -> Int {
            guard let value = Int(values[flag] ?? "") else { throw MigrateUsageError("\(flag) must be an integer") }
            return value
        }
        do {
            return try SeedParameters(
                eventCount: try integer("--seed-events"), sectionsPerEvent: try integer("--seed-sections"),
                seatsPerSection: try integer("--seed-seats"), basePriceMinor: Int64(try integer("--seed-base-price")),
                priceStepMinor: Int64(try integer("--seed-price-step")), currency: values["--seed-currency"] ?? "",
                saleStartOffsetSeconds: values[saleStartOffset] == nil ? 0 : try integer(saleStartOffset))
        } catch let error as SeedParameters.SeedError {
            throw MigrateUsageError(error.description)
        }
    }
}
