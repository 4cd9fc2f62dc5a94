/// What a listener or rule does with a request. Only the three kinds tpsctl uses are modelled;
/// anything else reads back as `.other`, so a diff shows it rather than hiding it.
extension ElasticLoadBalancingV2 {
    public enum ListenerAction: Sendable, Hashable, CustomStringConvertible {
        case forward(targetGroupArn: String)
        case fixedResponse(statusCode: Int, contentType: String, body: String)
        /// A permanent redirect to the same host and path on `protocol`/`port`.
        case redirect(protocol: String, port: Int)
        case other(String)

        public var description: String {
            switch self {
            case let .forward(arn): "forward to \(arn)"
            case let .fixedResponse(status, type, body): "fixed \(status) \(type) \(body.debugDescription)"
            case let .redirect(scheme, port): "redirect 301 to \(scheme):\(port)"
            case let .other(kind): kind
            }
        }

        var parameters: QueryParameters {
            switch self {
            case let .forward(arn):
                return ["Type": "forward", "TargetGroupArn": arn]
            case let .fixedResponse(status, type, body):
                return ["Type": "fixed-response", "FixedResponseConfig.StatusCode": String(status),
                        "FixedResponseConfig.ContentType": type, "FixedResponseConfig.MessageBody": body]
            case let .redirect(scheme, port):
                return ["Type": "redirect", "RedirectConfig.Protocol": scheme, "RedirectConfig.Port": String(port),
                        "RedirectConfig.StatusCode": "HTTP_301"]
            case let .other(kind):
                return ["Type": kind]
            }
        }

        init(_ element: XMLTree) {
            switch element.string("Type") ?? "" {
            case "forward":
                let arn = element.string("TargetGroupArn")
                    ?? element.child("ForwardConfig")?.child("TargetGroups")?.listItems().first?.string("TargetGroupArn")
                self = .forward(targetGroupArn: arn ?? "")
            case "fixed-response":
                self = .fixedResponse(
                    statusCode: Int(element.string("FixedResponseConfig", "StatusCode") ?? "") ?? 0,
                    contentType: element.string("FixedResponseConfig", "ContentType") ?? "",
                    body: element.string("FixedResponseConfig", "MessageBody") ?? "")
            case "redirect":
                self = .redirect(protocol: element.string("RedirectConfig", "Protocol") ?? "",
                                 port: Int(element.string("RedirectConfig", "Port") ?? "") ?? 0)
            case let kind:
                self = .other(kind)
            }
        }
    }
}
