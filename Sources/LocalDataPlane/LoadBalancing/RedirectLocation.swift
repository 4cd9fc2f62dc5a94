import AWSClient

/// Builds a redirect action's Location from its template and the request, as an ALB does:
/// `#{protocol}`, `#{host}`, `#{port}`, `#{path}` (without its leading slash) and `#{query}`
/// stand for the request's own; the default port of the target protocol is left out.
public enum RedirectLocation {
    /// A redirect action, ready to fill in per request.
    public struct Template: Sendable, Hashable {
        public let redirect: ElasticLoadBalancingV2.Redirect

        public init(_ redirect: ElasticLoadBalancingV2.Redirect) {
            self.redirect = redirect
        }

        /// 301 or 302.
        public var status: Int { redirect.statusCode == "HTTP_302" ? 302 : 301 }

        public func location(for request: Request) -> String {
            func fill(_ template: String) -> String {
                var text = template
                for (name, value) in [("protocol", request.protocol.lowercased()), ("host", request.host),
                                      ("port", String(request.port)), ("path", String(request.path.dropFirst())),
                                      ("query", request.query)] {
                    text = text.replacing("#{\(name)}", with: value)
                }
                return text
            }
            let scheme = fill(redirect.protocol).lowercased()
            let port = fill(redirect.port)
            let defaultPort = scheme == "https" ? "443" : "80"
            var location = "\(scheme)://\(fill(redirect.host))" + (port == defaultPort ? "" : ":\(port)")
            let path = fill(redirect.path)
            location += path.hasPrefix("/") ? path : "/" + path
            let query = fill(redirect.query)
            if !query.isEmpty { location += "?" + query }
            return location
        }
    }


    public struct Request: Sendable {
        public var `protocol`: String
        public var host: String
        public var port: Int
        /// With its leading `/`.
        public var path: String
        /// Without the `?`.
        public var query: String

        public init(protocol: String, host: String, port: Int, path: String, query: String) {
            self.protocol = `protocol`
            self.host = host
            self.port = port
            self.path = path
            self.query = query
        }
    }
}
