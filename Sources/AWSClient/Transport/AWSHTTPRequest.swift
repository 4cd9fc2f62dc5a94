/// An operation's request as a protocol codec builds it, before the endpoint, signing and
/// encoding are applied. Path and query hold plain (unencoded) text.
public struct AWSHTTPRequest: Sendable {
    public var method: String
    /// `/` for RPC protocols; `/2020-05-31/distribution/E123` for REST. Encoded per segment on send.
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String = "/", query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method; self.path = path; self.query = query; self.headers = headers; self.body = body
    }
}

/// An HTTP answer, fully read.
public struct AWSHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status; self.headers = headers; self.body = body
    }

    /// The first header called `name`, case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The request id AWS puts in a header (`x-amzn-RequestId`, `x-amz-request-id`).
    public var requestIdHeader: String? {
        header("x-amzn-RequestId") ?? header("x-amz-request-id") ?? header("x-amz-id-2")
    }
}
