import AWSClient

/// A listener's rules compiled for matching: conditions as byte patterns, rules in priority
/// order, the default actions last, forward actions naming target groups by index into
/// ``targetGroupArns`` (so a request resolves its pool without hashing an ARN).
public struct ListenerRoutes: Sendable {
    public enum Action: Sendable, Hashable {
        case fixedResponse(status: Int, contentType: String, body: String)
        case redirect(RedirectLocation.Template)
        case forward(WeightedForward)
        /// A kind the local data plane does not serve (authenticate-*); answered 500 like a misconfiguration.
        case unsupported(String)
    }

    /// An `http-header` condition: some value of the named header (case-insensitive, as ALB
    /// compares both) matches one of the patterns. What keeps an ALB behind CloudFront: only the
    /// distribution sends the secret origin header its rules require.
    struct HeaderCondition: Sendable {
        let name: String
        let values: [WildcardPattern]

        func matches(_ header: (String) -> [String]) -> Bool {
            header(name).contains { value in values.contains { $0.matches(value) } }
        }
    }

    public struct Rule: Sendable {
        public let priority: Int
        let paths: [WildcardPattern]
        let hosts: [WildcardPattern]
        let methods: [String]
        let headers: [HeaderCondition]
        public let action: Action

        /// Every condition present must match (any of its values); a rule with none matches all.
        func matches(method: String, host: UnsafeBufferPointer<UInt8>, path: UnsafeBufferPointer<UInt8>,
                     header: (String) -> [String]) -> Bool {
            (methods.isEmpty || methods.contains(method))
                && (hosts.isEmpty || hosts.contains { $0.matches(host) })
                && (paths.isEmpty || paths.contains { $0.matches(path) })
                && headers.allSatisfy { $0.matches(header) }
        }
    }

    public let rules: [Rule]
    public let defaultAction: Action
    /// Every target group a forward action names, once each.
    public let targetGroupArns: [String]

    public init(rules: [ElasticLoadBalancingV2.Rule], defaultAction: ElasticLoadBalancingV2.ListenerAction?) {
        var arns: [String] = []
        func index(_ arn: String) -> Int {
            if let known = arns.firstIndex(of: arn) { return known }
            arns.append(arn)
            return arns.count - 1
        }
        func compile(_ action: ElasticLoadBalancingV2.ListenerAction?) -> Action {
            switch action {
            case let .forward(arn)?: .forward(WeightedForward([(group: index(arn), weight: 1)]))
            case let .weightedForward(groups)?: .forward(WeightedForward(groups.map { (group: index($0.arn), weight: $0.weight) }))
            case let .fixedResponse(status, type, body)?: .fixedResponse(status: status, contentType: type, body: body)
            case let .redirect(redirect)?: .redirect(RedirectLocation.Template(redirect))
            case let .other(kind)?: .unsupported(kind)
            case nil: .unsupported("none")
            }
        }
        var compiled: [Rule] = []
        var fallback: Action?
        for rule in rules {
            guard let priority = Int(rule.priority) else {
                fallback = compile(rule.action)  // the `default` rule
                continue
            }
            var paths: [WildcardPattern] = [], hosts: [WildcardPattern] = [], methods: [String] = []
            var headers: [HeaderCondition] = []
            for condition in rule.conditions {
                switch condition.field {
                case "http-header":
                    headers.append(HeaderCondition(name: condition.httpHeaderName ?? "",
                                                   values: condition.values.map { WildcardPattern($0, caseSensitive: false) }))
                case "path-pattern": paths += condition.values.map { WildcardPattern($0, caseSensitive: true) }
                case "host-header": hosts += condition.values.map { WildcardPattern($0, caseSensitive: false) }
                case "http-request-method": methods += condition.values.map { $0.uppercased() }
                default: methods = ["\u{0}unsupported condition \(condition.field)"]  // never matches
                }
            }
            compiled.append(Rule(priority: priority, paths: paths, hosts: hosts, methods: methods, headers: headers,
                                 action: compile(rule.action)))
        }
        self.rules = compiled.sorted { $0.priority < $1.priority }
        self.defaultAction = defaultAction.map { compile($0) } ?? fallback ?? .unsupported("none")
        targetGroupArns = arns
    }

    /// The first matching rule's action, else the default. `host` without its port; `header`
    /// gives a request header's values by name.
    public func action(method: String, host: UnsafeBufferPointer<UInt8>, path: UnsafeBufferPointer<UInt8>,
                       header: (String) -> [String]) -> Action {
        for rule in rules where rule.matches(method: method, host: host, path: path, header: header) { return rule.action }
        return defaultAction
    }

    /// For callers holding Strings (tests).
    public func action(method: String, host: String, path: String, headers: [String: String] = [:]) -> Action {
        var host = host, path = path
        let header: (String) -> [String] = { name in
            headers.filter { $0.key.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }
        return host.withUTF8 { hostBytes in path.withUTF8 { action(method: method, host: hostBytes, path: $0, header: header) } }
    }
}
