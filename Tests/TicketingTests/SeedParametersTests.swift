import Testing
import Ticketing

@Suite("Seed parameters and template rendering")
struct SeedParametersTests {
    @Test func rendersEveryPlaceholder() throws {
        let parameters = try SeedParameters(eventCount: 2, sectionsPerEvent: 3, seatsPerSection: 40,
                                            basePriceMinor: 5000, priceStepMinor: 250, currency: "JPY")
        let sql = try parameters.render(template: "{{eventCount}}x{{sectionsPerEvent}}x{{seatsPerSection}} "
                                        + "{{basePriceMinor}}+{{priceStepMinor}} '{{currency}}' {}")
        #expect(sql == "2x3x40 5000+250 'JPY' {}")
        #expect(parameters.totalSeats == 240)
    }

    @Test func refusesUnknownPlaceholders() throws {
        let parameters = try SeedParameters(eventCount: 1, sectionsPerEvent: 1, seatsPerSection: 1, basePriceMinor: 0,
                                            priceStepMinor: 0, currency: "JPY")
        #expect(throws: SeedParameters.SeedError.unknownPlaceholder("evil")) { try parameters.render(template: "{{evil}}") }
        #expect(throws: SeedParameters.SeedError.self) { try parameters.render(template: "{{eventCount") }
    }

    @Test("Out-of-range sizes and bad currencies are refused", arguments: [
        [0, 1, 1], [10_000, 1, 1], [1, 100, 1], [1, 1, 100_000], [100, 99, 99_999],
    ])
    func refusesBadSizes(sizes: [Int]) {
        #expect(throws: SeedParameters.SeedError.self) {
            try SeedParameters(eventCount: sizes[0], sectionsPerEvent: sizes[1], seatsPerSection: sizes[2],
                               basePriceMinor: 100, priceStepMinor: 10, currency: "JPY")
        }
    }

    @Test("Only an ISO 4217 shape reaches the SQL", arguments: ["jpy", "JPYY", "JPY'; DROP TABLE seats; --"])
    func refusesBadCurrency(currency: String) {
        #expect(throws: SeedParameters.SeedError.badCurrency) {
            try SeedParameters(eventCount: 1, sectionsPerEvent: 1, seatsPerSection: 1, basePriceMinor: 100,
                               priceStepMinor: 10, currency: currency)
        }
    }
}
