/// A request that got no HTTP answer: the connection was refused, reset or timed out.
public struct AWSTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case connectionRefused = "connection refused"
        case connectionReset = "connection closed before an answer"
        case timeout = "timed out"
        case tls = "TLS failure"
        case hostNotFound = "host not found"
        case other = "request failed"
    }

    public var kind: Kind
    /// `scheme://host:port` of the endpoint (no path or query: those may carry data).
    public var endpoint: String
    /// Where the endpoint came from (`--endpoint-url`, `AWS_ENDPOINT_URL`, `default`), when known.
    public var endpointSource: String?
    /// The underlying error's text, for `-v`; never request data.
    public var detail: String

    public init(kind: Kind, endpoint: String, endpointSource: String? = nil, detail: String) {
        self.kind = kind; self.endpoint = endpoint; self.endpointSource = endpointSource; self.detail = detail
    }

    /// Timeouts and resets are worth another attempt; so is a refused connection (a server restarting).
    public var isTimeout: Bool { kind == .timeout }

    public var description: String {
        var text = "cannot reach \(endpoint)"
        if let endpointSource { text += " (endpoint from \(endpointSource))" }
        text += ": \(kind.rawValue)"
        if kind == .other || kind == .tls, !detail.isEmpty { text += " (\(detail.replacingNewlines()))" }
        return text
    }
}
