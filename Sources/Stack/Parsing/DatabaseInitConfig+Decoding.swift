extension DatabaseInitConfig {
    static func decode(_ reader: MappingReader) -> DatabaseInitConfig {
        let base = DatabaseInitConfig()
        let config = DatabaseInitConfig(
            events: reader.integer("events", in: eventsRange) ?? base.events,
            sectionsPerEvent: reader.integer("sectionsPerEvent", in: sectionsRange) ?? base.sectionsPerEvent,
            seatsPerSection: reader.integer("seatsPerSection", in: seatsRange) ?? base.seatsPerSection,
            basePriceMinor: reader.integer("basePriceMinor", in: priceRange) ?? base.basePriceMinor,
            priceStepMinor: reader.integer("priceStepMinor", in: priceRange) ?? base.priceStepMinor,
            currency: reader.string("currency") { code in
                code.count == 3 && code.allSatisfy({ ("A"..."Z").contains($0) }) ? nil
                    : "'\(code)' is not an ISO 4217 currency code (three capital letters, e.g. KRW)"
            } ?? base.currency,
            saleStartOffsetSeconds: reader.integer("saleStartOffsetSeconds", in: saleStartOffsetRange)
                ?? base.saleStartOffsetSeconds,
            migrateCommand: nonEmptyCommand(reader, "migrateCommand") ?? base.migrateCommand,
            timeoutSeconds: reader.integer("timeoutSeconds", in: 10...86_400) ?? base.timeoutSeconds)
        reader.finish()
        return config
    }

    private static func nonEmptyCommand(_ reader: MappingReader, _ key: String) -> [String]? {
        guard let command = reader.stringList(key) else { return nil }
        guard !command.isEmpty else {
            reader.sink.fail(reader.childPath(key), "must name a command", at: reader.sink.location(of: reader.childPath(key)))
            return nil
        }
        return command
    }
}
