// Decoding of the traffic-facing sections: alb and cloudFront.

extension LoadBalancerConfig {
    static func decode(_ reader: MappingReader) -> LoadBalancerConfig {
        let base = LoadBalancerConfig()
        var certificates: [AWSRegion: String] = [:]
        let arns = reader.stringMap("certificateArns", checkKey: { name in
            AWSRegion(name) == nil
                ? "unknown AWS region '\(name)'" + KeySuggester.hint(for: name, among: AWSRegion.knownNames)
                : nil
        }, checkValue: { name, arn in
            problemWithCertificate(arn, region: AWSRegion(name)!)
        })
        for (name, arn) in arns ?? [:] {
            certificates[AWSRegion(name)!] = arn
        }
        let alb = LoadBalancerConfig(
            certificateARNs: certificates,
            deregistrationDelaySeconds: reader.integer("deregistrationDelaySeconds", in: deregistrationDelayRange)
                ?? base.deregistrationDelaySeconds,
            idleTimeoutSeconds: reader.integer("idleTimeoutSeconds", in: idleTimeoutRange) ?? base.idleTimeoutSeconds,
            healthCheckIntervalSeconds: reader.integer("healthCheckIntervalSeconds", in: healthCheckIntervalRange)
                ?? base.healthCheckIntervalSeconds,
            healthyThreshold: reader.integer("healthyThreshold", in: thresholdRange) ?? base.healthyThreshold,
            unhealthyThreshold: reader.integer("unhealthyThreshold", in: thresholdRange) ?? base.unhealthyThreshold,
            sslPolicy: reader.string("sslPolicy") { $0.hasPrefix("ELBSecurityPolicy-") ? nil
                : "'\($0)' is not an ELB security policy name (ELBSecurityPolicy-...)" } ?? base.sslPolicy,
            accessLogs: reader.mapping("accessLogs").map(AccessLogsConfig.decode) ?? base.accessLogs)
        reader.finish()
        return alb
    }
}

extension AccessLogsConfig {
    /// `accessLogs: { enabled, prefix, retentionDays }`; the section present means on unless
    /// `enabled: false`.
    static func decode(_ reader: MappingReader) -> AccessLogsConfig {
        let base = AccessLogsConfig()
        let logs = AccessLogsConfig(
            enabled: reader.boolean("enabled") ?? true,
            prefix: reader.string("prefix", check: problemWithPrefix),
            retentionDays: reader.integer("retentionDays", in: retentionRange) ?? base.retentionDays)
        reader.finish()
        return logs
    }
}

extension CloudFrontConfig {
    static func decode(_ reader: MappingReader) -> CloudFrontConfig {
        let base = CloudFrontConfig()
        let primary = reader.read("primaryRegion", required: false, expected: "a region name",
                                  ScalarConversion.string) { name in
            AWSRegion(name) == nil
                ? "unknown AWS region '\(name)'" + KeySuggester.hint(for: name, among: AWSRegion.knownNames)
                : nil
        }
        let cloudFront = CloudFrontConfig(
            enabled: reader.boolean("enabled") ?? base.enabled,
            summaryTTLSeconds: reader.integer("summaryTTLSeconds", in: ttlRange) ?? base.summaryTTLSeconds,
            priceClass: reader.choice("priceClass", as: CloudFrontPriceClass.self) ?? base.priceClass,
            primaryRegion: primary.flatMap(AWSRegion.init))
        reader.finish()
        return cloudFront
    }
}

extension DomainConfig {
    static func decode(_ reader: MappingReader) -> DomainConfig? {
        let name = reader.string("name", required: true, check: problemWithName)
        let zone = reader.string("hostedZoneId", check: problemWithZone)
        reader.finish()
        return name.map { DomainConfig(name: $0, hostedZoneId: zone) }
    }
}
