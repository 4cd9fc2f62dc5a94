/// Listeners (a port and protocol on a load balancer) and their path rules.
extension ElasticLoadBalancingV2 {
    public struct Listener: Sendable, Equatable {
        public var arn: String
        public var port: Int
        public var listenerProtocol: String
        public var certificateArns: [String]
        public var sslPolicy: String?
        public var defaultAction: ListenerAction?

        init(_ element: XMLTree) {
            arn = element.string("ListenerArn") ?? ""
            port = Int(element.string("Port") ?? "") ?? 0
            listenerProtocol = element.string("Protocol") ?? ""
            certificateArns = (element.child("Certificates")?.listItems() ?? []).compactMap { $0.string("CertificateArn") }
            sslPolicy = element.string("SslPolicy")
            defaultAction = element.child("DefaultActions")?.listItems().first.map(ListenerAction.init)
        }
    }

    public struct Rule: Sendable, Equatable {
        public var arn: String
        /// A number, or `default` for the listener's default rule.
        public var priority: String
        /// Every condition's values, by field; a request must match each field (any value).
        public var conditions: [RuleCondition]
        public var action: ListenerAction?

        /// The path-pattern condition's values.
        public var pathPatterns: [String] {
            get { conditions.first { $0.field == "path-pattern" }?.values ?? [] }
            set {
                conditions.removeAll { $0.field == "path-pattern" }
                conditions.insert(.pathPattern(newValue), at: 0)
            }
        }

        public init(arn: String, priority: String, conditions: [RuleCondition], action: ListenerAction?) {
            self.arn = arn
            self.priority = priority
            self.conditions = conditions
            self.action = action
        }

        init(_ element: XMLTree) {
            arn = element.string("RuleArn") ?? ""
            priority = element.string("Priority") ?? ""
            conditions = (element.child("Conditions")?.listItems() ?? []).map(RuleCondition.init)
            action = element.child("Actions")?.listItems().last.map(ListenerAction.init)
        }
    }

    /// One rule condition: `path-pattern`, `host-header`, `http-request-method`, `http-header`, …
    /// and its values (from the field's own config block, or the legacy `Values`).
    public struct RuleCondition: Sendable, Hashable {
        public var field: String
        public var values: [String]
        /// `http-header` only: the header whose value must be one of `values`.
        public var httpHeaderName: String?

        public init(field: String, values: [String], httpHeaderName: String? = nil) {
            self.field = field
            self.values = values
            self.httpHeaderName = httpHeaderName
        }

        /// A request must carry `name` with one of `values` (compared case-insensitively by ALB).
        public static func httpHeader(_ name: String, values: [String]) -> RuleCondition {
            RuleCondition(field: "http-header", values: values, httpHeaderName: name)
        }

        public static func pathPattern(_ patterns: [String]) -> RuleCondition {
            RuleCondition(field: "path-pattern", values: patterns)
        }

        init(_ element: XMLTree) {
            field = element.string("Field") ?? ""
            let block = switch field {
            case "path-pattern": "PathPatternConfig"
            case "host-header": "HostHeaderConfig"
            case "http-request-method": "HttpRequestMethodConfig"
            case "http-header": "HttpHeaderConfig"
            default: ""
            }
            let configured = (element.child(block)?.child("Values")?.listItems() ?? []).map(\.text)
            values = configured.isEmpty ? (element.child("Values")?.listItems() ?? []).map(\.text) : configured
            httpHeaderName = field == "http-header" ? element.child(block)?.string("HttpHeaderName") : nil
        }

        var parameters: QueryParameters {
            var condition: QueryParameters = ["Field": field]
            switch field {
            case "http-header":
                condition.add("HttpHeaderConfig.HttpHeaderName", httpHeaderName)
                condition.addList("HttpHeaderConfig.Values", values)
            case "host-header": condition.addList("HostHeaderConfig.Values", values)
            case "http-request-method": condition.addList("HttpRequestMethodConfig.Values", values)
            default: condition.addList("PathPatternConfig.Values", values)
            }
            return condition
        }
    }

    /// What a listener is asked to be; `certificateArn` and `sslPolicy` only for HTTPS.
    public struct ListenerSettings: Sendable, Hashable {
        public var port: Int
        public var listenerProtocol: String
        public var certificateArn: String?
        public var sslPolicy: String?
        public var defaultAction: ListenerAction

        public init(port: Int, listenerProtocol: String, certificateArn: String?, sslPolicy: String?,
                    defaultAction: ListenerAction) {
            self.port = port
            self.listenerProtocol = listenerProtocol
            self.certificateArn = certificateArn
            self.sslPolicy = sslPolicy
            self.defaultAction = defaultAction
        }

        var parameters: QueryParameters {
            var parameters: QueryParameters = ["Protocol": listenerProtocol]
            parameters.add("Port", port)
            if let certificateArn { parameters.addList("Certificates", [["CertificateArn": certificateArn]]) }
            parameters.add("SslPolicy", sslPolicy)
            parameters.addList("DefaultActions", [defaultAction.parameters])
            return parameters
        }
    }

    public func listeners(ofLoadBalancer arn: String) async throws -> [Listener] {
        var listeners: [Listener] = []
        for try await page in client.queryPages(.elasticLoadBalancingV2, "DescribeListeners", ["LoadBalancerArn": arn],
                                                inputToken: "Marker", outputToken: "NextMarker") {
            listeners += (page.child("Listeners")?.listItems() ?? []).map(Listener.init)
        }
        return listeners
    }

    public func createListener(loadBalancerArn: String, _ settings: ListenerSettings,
                               tags: [String: String]) async throws -> Listener {
        var parameters: QueryParameters = ["LoadBalancerArn": loadBalancerArn]
        for pair in settings.parameters.pairs { parameters.add(pair.name, pair.value) }
        parameters.addTags(tags)
        let result = try await client.query(.elasticLoadBalancingV2, "CreateListener", parameters)
        guard let listener = result.child("Listeners")?.listItems().first else {
            throw AWSError(code: "MalformedResponse", message: "CreateListener answered no listener",
                           httpStatus: 200, service: "elasticloadbalancing", action: "CreateListener")
        }
        return Listener(listener)
    }

    public func modifyListener(_ arn: String, _ settings: ListenerSettings) async throws -> Listener {
        var parameters: QueryParameters = ["ListenerArn": arn]
        for pair in settings.parameters.pairs { parameters.add(pair.name, pair.value) }
        let result = try await client.query(.elasticLoadBalancingV2, "ModifyListener", parameters)
        return (result.child("Listeners")?.listItems().first).map(Listener.init)
            ?? Listener(XMLTree("Listener", children: [.leaf("ListenerArn", arn)]))
    }

    public func deleteListener(_ arn: String) async throws {
        _ = try await client.query(.elasticLoadBalancingV2, "DeleteListener", ["ListenerArn": arn])
    }

    public func rules(ofListener arn: String) async throws -> [Rule] {
        let result = try await client.query(.elasticLoadBalancingV2, "DescribeRules", ["ListenerArn": arn])
        return (result.child("Rules")?.listItems() ?? []).map(Rule.init)
    }

    public func createRule(listenerArn: String, priority: Int, conditions: [RuleCondition], action: ListenerAction,
                           tags: [String: String]) async throws -> Rule {
        var parameters: QueryParameters = ["ListenerArn": listenerArn]
        parameters.add("Priority", priority)
        parameters.addList("Conditions", conditions.map(\.parameters))
        parameters.addList("Actions", [action.parameters])
        parameters.addTags(tags)
        let result = try await client.query(.elasticLoadBalancingV2, "CreateRule", parameters)
        guard let rule = result.child("Rules")?.listItems().first else {
            throw AWSError(code: "MalformedResponse", message: "CreateRule answered no rule",
                           httpStatus: 200, service: "elasticloadbalancing", action: "CreateRule")
        }
        return Rule(rule)
    }

    public func modifyRule(_ arn: String, conditions: [RuleCondition], action: ListenerAction) async throws {
        var parameters: QueryParameters = ["RuleArn": arn]
        parameters.addList("Conditions", conditions.map(\.parameters))
        parameters.addList("Actions", [action.parameters])
        _ = try await client.query(.elasticLoadBalancingV2, "ModifyRule", parameters)
    }

    public func deleteRule(_ arn: String) async throws {
        _ = try await client.query(.elasticLoadBalancingV2, "DeleteRule", ["RuleArn": arn])
    }
}
