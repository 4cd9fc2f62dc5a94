import AWSClient
import FoundationEssentials
import Stack

/// The web ACL the distribution names: allow by default; AWS's common rule set; one rate-based
/// rule per IP for each path a sale's bots hammer, each scoped down to its path. In count mode
/// every rule only counts (rate rules' action, the rule group's override action).
enum WebACLDocument {
    struct RateRule {
        let name: String
        let path: String
        /// EXACTLY (`/public/enter`) or STARTS_WITH (`/confirm/`).
        let match: String
        let limit: Int
    }

    static func rateRules(_ waf: WAFConfig) -> [RateRule] {
        [
            RateRule(name: "rate-public-enter", path: "/public/enter", match: "EXACTLY", limit: waf.enterLimit),
            RateRule(name: "rate-public-hold", path: "/public/hold", match: "EXACTLY", limit: waf.holdLimit),
            RateRule(name: "rate-confirm", path: "/confirm/", match: "STARTS_WITH", limit: waf.confirmLimit),
        ]
    }

    static func visibility(_ metric: String) -> JSONValue {
        ["SampledRequestsEnabled": true, "CloudWatchMetricsEnabled": true, "MetricName": .string(metric)]
    }

    /// DefaultAction, Rules, VisibilityConfig and Description, as CreateWebACL takes them.
    static func document(_ waf: WAFConfig, metricPrefix: String) -> JSONValue {
        var rules: [JSONValue] = []
        var priority = 0
        if waf.managedCommonRuleSet {
            rules.append([
                "Name": "aws-common-rule-set", "Priority": .number(Double(priority)),
                "Statement": ["ManagedRuleGroupStatement": ["VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"]],
                "OverrideAction": waf.countMode ? ["Count": [:]] : ["None": [:]],
                "VisibilityConfig": visibility("\(metricPrefix)-aws-common"),
            ])
            priority += 1
        }
        for rule in rateRules(waf) {
            rules.append([
                "Name": .string(rule.name), "Priority": .number(Double(priority)),
                "Statement": ["RateBasedStatement": [
                    "Limit": .number(Double(rule.limit)), "EvaluationWindowSec": 300, "AggregateKeyType": "IP",
                    "ScopeDownStatement": ["ByteMatchStatement": [
                        // A blob: base64 on JSON's wire.
                        "SearchString": .string(Data(rule.path.utf8).base64EncodedString()),
                        "FieldToMatch": ["UriPath": [:]],
                        "TextTransformations": [["Priority": 0, "Type": "NONE"]],
                        "PositionalConstraint": .string(rule.match),
                    ]],
                ]],
                "Action": waf.countMode ? ["Count": [:]] : ["Block": [:]],
                "VisibilityConfig": visibility("\(metricPrefix)-\(rule.name)"),
            ])
            priority += 1
        }
        return [
            "DefaultAction": ["Allow": [:]],
            "Rules": .array(rules),
            "VisibilityConfig": visibility(metricPrefix),
            "Description": "tpsctl: rate limits per IP and AWS's common rule set",
        ]
    }
}
