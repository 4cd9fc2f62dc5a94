/// The AWS WAF web ACL on the CloudFront distribution (stage 07): per-IP rate limits on the
/// paths a bot hammers during a sale, and AWS's managed common rule set. `countMode` only
/// counts what the rules match (to tune thresholds on real traffic) instead of blocking it.
public struct WAFConfig: Sendable, Equatable {
    public var enabled: Bool
    public var countMode: Bool
    /// AWSManagedRulesCommonRuleSet (OWASP-style protections).
    public var managedCommonRuleSet: Bool
    /// Requests one IP may send in 5 minutes to `/public/enter`, `/public/hold` and `/confirm/*`.
    public var enterLimit: Int
    public var holdLimit: Int
    public var confirmLimit: Int

    public init(enabled: Bool = false, countMode: Bool = false, managedCommonRuleSet: Bool = true,
                enterLimit: Int = 300, holdLimit: Int = 300, confirmLimit: Int = 600) {
        self.enabled = enabled
        self.countMode = countMode
        self.managedCommonRuleSet = managedCommonRuleSet
        self.enterLimit = enterLimit
        self.holdLimit = holdLimit
        self.confirmLimit = confirmLimit
    }

    /// WAFv2's range for a rate-based rule's limit (per evaluation window).
    public static let limitRange = 10...2_000_000_000
}
