extension WAFConfig {
    /// `waf: { enabled, countMode, managedCommonRuleSet, rateLimits: { enter, hold, confirm } }`.
    static func decode(_ reader: MappingReader) -> WAFConfig {
        let base = WAFConfig()
        var waf = WAFConfig(
            enabled: reader.boolean("enabled") ?? base.enabled,
            countMode: reader.boolean("countMode") ?? base.countMode,
            managedCommonRuleSet: reader.boolean("managedCommonRuleSet") ?? base.managedCommonRuleSet)
        if let limits = reader.mapping("rateLimits") {
            waf.enterLimit = limits.integer("enter", in: limitRange) ?? base.enterLimit
            waf.holdLimit = limits.integer("hold", in: limitRange) ?? base.holdLimit
            waf.confirmLimit = limits.integer("confirm", in: limitRange) ?? base.confirmLimit
            limits.finish()
        }
        reader.finish()
        return waf
    }
}
