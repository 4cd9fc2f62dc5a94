// Decoding of the small stack-wide sections: network, ecr, logs, app, capacity.

extension NetworkConfig {
    static func decode(_ reader: MappingReader) -> NetworkConfig {
        let base = NetworkConfig()
        let network = NetworkConfig(
            publicSubnetPrefixLength: reader.integer("publicSubnetPrefix", in: prefixLengthRange)
                ?? base.publicSubnetPrefixLength,
            privateSubnetPrefixLength: reader.integer("privateSubnetPrefix", in: prefixLengthRange)
                ?? base.privateSubnetPrefixLength,
            interfaceEndpoints: reader.boolean("interfaceEndpoints") ?? base.interfaceEndpoints)
        reader.finish()
        return network
    }
}

extension ECRConfig {
    static func decode(_ reader: MappingReader) -> ECRConfig {
        let base = ECRConfig()
        let ecr = ECRConfig(
            keepLastImages: reader.integer("keepLastImages", in: 1...10_000) ?? base.keepLastImages,
            scanOnPush: reader.boolean("scanOnPush") ?? base.scanOnPush,
            immutableTags: reader.boolean("immutableTags") ?? base.immutableTags)
        reader.finish()
        return ecr
    }
}

extension LogsConfig {
    static func decode(_ reader: MappingReader) -> LogsConfig {
        let days = reader.read("retentionDays", required: false, expected: "an integer", ScalarConversion.integer) {
            LogRetention.allowedDays.contains($0) ? nil
                : "CloudWatch Logs does not accept \($0) days; use one of "
                    + LogRetention.allowedDays.map(String.init).joined(separator: ", ")
        }
        reader.finish()
        return LogsConfig(retentionDays: days ?? LogsConfig().retentionDays)
    }
}

extension AppConfig {
    static func decode(_ reader: MappingReader) -> AppConfig {
        let base = AppConfig()
        let home = reader.read("homeRegion", required: false, expected: "a region name",
                               ScalarConversion.string) { name in
            AWSRegion(name) == nil
                ? "unknown AWS region '\(name)'" + KeySuggester.hint(for: name, among: AWSRegion.knownNames)
                : nil
        }
        let app = AppConfig(
            admissionRatePerSecond: reader.integer("admissionRatePerSecond", in: 1...10_000_000)
                ?? base.admissionRatePerSecond,
            holdTTLSeconds: reader.integer("holdTTLSeconds", in: 10...86_400) ?? base.holdTTLSeconds,
            maxHoldsPerUser: reader.integer("maxHoldsPerUser", in: 1...100)
                ?? base.maxHoldsPerUser,
            homeRegion: home.flatMap(AWSRegion.init))
        reader.finish()
        return app
    }
}

extension CapacityConfig {
    static func decode(_ reader: MappingReader) -> CapacityConfig {
        let capacity = CapacityConfig(targetRPS: reader.integer("targetRPS", in: targetRange))
        reader.finish()
        return capacity
    }
}
