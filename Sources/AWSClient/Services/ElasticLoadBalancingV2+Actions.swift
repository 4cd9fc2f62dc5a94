/// What a listener or rule does with a request: the kinds an ALB without authentication has.
/// Anything else reads back as `.other`, so a diff shows it rather than hiding it.
extension ElasticLoadBalancingV2 {
    public enum ListenerAction: Sendable, Hashable, CustomStringConvertible {
        /// To one target group (`TargetGroupArn`, or a ForwardConfig naming just one).
        case forward(targetGroupArn: String)
        /// A ForwardConfig spreading requests over several target groups by weight.
        case weightedForward([WeightedTargetGroup])
        case fixedResponse(statusCode: Int, contentType: String, body: String)
        case redirect(Redirect)
        case other(String)

        public var description: String {
            switch self {
            case let .forward(arn): "forward to \(arn)"
            case let .weightedForward(groups): "forward to " + groups.map { "\($0.arn) (\($0.weight))" }.joined(separator: ", ")
            case let .fixedResponse(status, type, body): "fixed \(status) \(type) \(body.debugDescription)"
            case let .redirect(redirect): redirect.description
            case let .other(kind): kind
            }
        }

        var parameters: QueryParameters {
            switch self {
            case let .forward(arn):
                return ["Type": "forward", "TargetGroupArn": arn]
            case let .weightedForward(groups):
                var parameters: QueryParameters = ["Type": "forward"]
                parameters.addList("ForwardConfig.TargetGroups", groups.map {
                    var group: QueryParameters = ["TargetGroupArn": $0.arn]
                    group.add("Weight", $0.weight)
                    return group
                })
                return parameters
            case let .fixedResponse(status, type, body):
                return ["Type": "fixed-response", "FixedResponseConfig.StatusCode": String(status),
                        "FixedResponseConfig.ContentType": type, "FixedResponseConfig.MessageBody": body]
            case let .redirect(redirect):
                return ["Type": "redirect", "RedirectConfig.Protocol": redirect.protocol, "RedirectConfig.Port": redirect.port,
                        "RedirectConfig.Host": redirect.host, "RedirectConfig.Path": redirect.path,
                        "RedirectConfig.Query": redirect.query, "RedirectConfig.StatusCode": redirect.statusCode]
            case let .other(kind):
                return ["Type": kind]
            }
        }

        init(_ element: XMLTree) {
            switch element.string("Type") ?? "" {
            case "forward":
                let groups = (element.child("ForwardConfig")?.child("TargetGroups")?.listItems() ?? []).map {
                    WeightedTargetGroup(arn: $0.string("TargetGroupArn") ?? "", weight: Int($0.string("Weight") ?? "") ?? 1)
                }
                if let arn = element.string("TargetGroupArn") ?? (groups.count == 1 ? groups[0].arn : nil) {
                    self = .forward(targetGroupArn: arn)
                } else {
                    self = .weightedForward(groups)
                }
            case "fixed-response":
                self = .fixedResponse(
                    statusCode: Int(element.string("FixedResponseConfig", "StatusCode") ?? "") ?? 0,
                    contentType: element.string("FixedResponseConfig", "ContentType") ?? "",
                    body: element.string("FixedResponseConfig", "MessageBody") ?? "")
            case "redirect":
                let defaults = Redirect()
                self = .redirect(Redirect(
                    protocol: element.string("RedirectConfig", "Protocol") ?? defaults.protocol,
                    host: element.string("RedirectConfig", "Host") ?? defaults.host,
                    port: element.string("RedirectConfig", "Port") ?? defaults.port,
                    path: element.string("RedirectConfig", "Path") ?? defaults.path,
                    query: element.string("RedirectConfig", "Query") ?? defaults.query,
                    statusCode: element.string("RedirectConfig", "StatusCode") ?? defaults.statusCode))
            case let kind:
                self = .other(kind)
            }
        }
    }

    public struct WeightedTargetGroup: Sendable, Hashable {
        public var arn: String
        /// 0…999; a group of weight 0 gets no traffic.
        public var weight: Int

        public init(arn: String, weight: Int) {
            self.arn = arn
            self.weight = weight
        }
    }

    /// A redirect's target; each part may use `#{protocol}`, `#{host}`, `#{port}`, `#{path}`,
    /// `#{query}` for the request's own (the defaults keep them all).
    public struct Redirect: Sendable, Hashable, CustomStringConvertible {
        public var `protocol`: String
        public var host: String
        public var port: String
        public var path: String
        public var query: String
        /// `HTTP_301` or `HTTP_302`.
        public var statusCode: String

        public init(protocol: String = "#{protocol}", host: String = "#{host}", port: String = "#{port}",
                    path: String = "/#{path}", query: String = "#{query}", statusCode: String = "HTTP_301") {
            self.protocol = `protocol`
            self.host = host
            self.port = port
            self.path = path
            self.query = query
            self.statusCode = statusCode
        }

        public var description: String {
            let code = statusCode.hasPrefix("HTTP_") ? String(statusCode.dropFirst(5)) : statusCode
            if host == "#{host}" && path == "/#{path}" && query == "#{query}" {
                return "redirect \(code) to \(self.protocol):\(port)"
            }
            return "redirect \(code) to \(self.protocol)://\(host):\(port)\(path)?\(query)"
        }
    }
}
