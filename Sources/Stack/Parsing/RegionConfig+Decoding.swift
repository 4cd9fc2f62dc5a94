extension RegionConfig {
    /// One `regions[i]` entry; nil when its name or CIDR is unusable (already reported), so
    /// the cross-region checks only see regions they can reason about.
    static func decode(_ reader: MappingReader) -> RegionConfig? {
        let region = reader.read("name", required: true, expected: "a region name", ScalarConversion.string) { name in
            AWSRegion(name) == nil
                ? "unknown AWS region '\(name)'" + KeySuggester.hint(for: name, among: AWSRegion.knownNames)
                : nil
        }.flatMap(AWSRegion.init)
        let cidr = reader.read("cidr", required: true, expected: "an IPv4 CIDR", ScalarConversion.string) { text in
            switch IPv4CIDR.parse(text) {
            case .failure(.malformed):
                return "'\(text)' is not an IPv4 CIDR (a.b.c.d/n)"
            case .failure(.hostBitsSet(let suggestion)):
                return "\(text) has host bits set; did you mean \(suggestion)?"
            case .success(let cidr) where !NetworkConfig.prefixLengthRange.contains(cidr.prefixLength):
                return "a VPC CIDR must be between /16 and /28, got /\(cidr.prefixLength)"
            case .success:
                return nil
            }
        }.flatMap { try? IPv4CIDR.parse($0).get() }
        let azCount = reader.read("azCount", required: false, expected: "an integer", ScalarConversion.integer) {
            RegionConfig.azCountRange.contains($0) ? nil
                : "must be between \(RegionConfig.azCountRange.lowerBound) and \(RegionConfig.azCountRange.upperBound) "
                + "(an ALB and an Aurora subnet group need two AZs), got \($0)"
        }
        let nat = reader.choice("nat", as: NATMode.self)
        let overrides = reader.mapping("overrides").map(RegionOverrides.decode) ?? RegionOverrides()
        reader.finish()
        guard let region, let cidr else { return nil }
        return RegionConfig(region: region, cidr: cidr, azCount: azCount ?? 3, nat: nat ?? .perAZ, overrides: overrides)
    }
}

extension RegionOverrides {
    static func decode(_ reader: MappingReader) -> RegionOverrides {
        var overrides = RegionOverrides()
        if let services = reader.mapping("services") {
            for name in ServiceName.allCases {
                guard let counts = services.mapping(name.rawValue) else { continue }
                overrides.services[name] = TaskCountOverride(
                    desiredCount: counts.integer("desiredCount", in: ServiceConfig.taskCountRange),
                    minCount: counts.integer("minCount", in: ServiceConfig.taskCountRange),
                    maxCount: counts.integer("maxCount", in: ServiceConfig.taskCountRange))
                counts.finish()
            }
            services.finish()
        }
        if let aurora = reader.mapping("aurora") {
            overrides.auroraMinACU = aurora.decimal("minACU", check: AuroraConfig.problemWithACU)
            overrides.auroraMaxACU = aurora.decimal("maxACU", check: AuroraConfig.problemWithACU)
            aurora.finish()
        }
        if let redis = reader.mapping("redis") {
            overrides.redisNodeType = redis.string("nodeType", check: RedisConfig.problemWithNodeType)
            overrides.redisReplicas = redis.integer("replicas", in: RedisConfig.replicasRange)
            redis.finish()
        }
        reader.finish()
        return overrides
    }
}
