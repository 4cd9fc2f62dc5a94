import AWSClient
import Foundation
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
        .object(["SampledRequestsEnabled": .bool(true), "CloudWatchMetricsEnabled": .bool(true), "MetricName": .string(metric)])
    }

    /// `{"<name>": {}}`: how WAF spells an action.
    static func action(_ name: String) -> JSONValue {
        .object([name: .object([:])])
    }

    /// DefaultAction, Rules, VisibilityConfig and Description, as CreateWebACL takes them.
    static func document(_ waf: WAFConfig, metricPrefix: String) -> JSONValue {
        var rules: [JSONValue] = []
        var priority = 0
        if waf.managedCommonRuleSet {
            let group: JSONValue = .object(["VendorName": .string("AWS"), "Name": .string("AWSManagedRulesCommonRuleSet")])
            rules.append(.object([
                "Name": .string("aws-common-rule-set"), "Priority": .number(Double(priority)),
                "Statement": .object(["ManagedRuleGroupStatement": group]),
                "OverrideAction": action(waf.countMode ? "Count" : "None"),
                "VisibilityConfig": visibility("\(metricPrefix)-aws-common"),
            ]))
            priority += 1
        }
        for rule in rateRules(waf) {
            let transformation: JSONValue = .object(["Priority": .number(0), "Type": .string("NONE")])
            let scope: JSONValue = .object(["ByteMatchStatement": .object([
                // A blob: base64 on JSON's wire.
                "SearchString": .string(Data(rule.path.utf8).base64EncodedString()),
                "FieldToMatch": action("UriPath"),
                "TextTransformations": .array([transformation]),
                "PositionalConstraint": .string(rule.match),
            ])])
            let statement: JSONValue = .object(["RateBasedStatement": .object([
                "Limit": .number(Double(rule.limit)), "EvaluationWindowSec": .number(300),
                "AggregateKeyType": .string("IP"), "ScopeDownStatement": scope,
            ])])
            rules.append(.object([
                "Name": .string(rule.name), "Priority": .number(Double(priority)), "Statement": statement,
                "Action": action(waf.countMode ? "Count" : "Block"),
                "VisibilityConfig": visibility("\(metricPrefix)-\(rule.name)"),
            ]))
            priority += 1
        }
        return .object([
            "DefaultAction": action("Allow"),
            "Rules": .array(rules),
            "VisibilityConfig": visibility(metricPrefix),
            "Description": .string("tpsctl: rate limits per IP and AWS's common rule set"),
        ])
    }
}
