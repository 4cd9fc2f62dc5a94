import FoundationEssentials

/// An error answer from an AWS service, whatever its wire protocol: every codec decodes
/// its own error format into this one type, so callers match on `code` alone.
public struct AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error code (`ThrottlingException`, `NoSuchEntity`, `InvalidVpcID.NotFound`), without
    /// any `namespace#` prefix. For query-compatible JSON services, the Query code (as botocore).
    public var code: String
    public var message: String
    public var requestId: String?
    public var httpStatus: Int
    /// The signing name of the service that answered (`sqs`, `iam`).
    public var service: String
    /// The operation (`CreateQueue`), or `METHOD /path` for REST calls without a name.
    public var action: String
    /// The server's `Date` header, kept for clock-skew correction.
    public var serverDate: String?
    /// `x-amz-retry-after` in milliseconds, when the service asked for a wait.
    public var retryAfterMilliseconds: Int?

    public init(code: String, message: String, requestId: String? = nil, httpStatus: Int, service: String,
                action: String, serverDate: String? = nil, retryAfterMilliseconds: Int? = nil) {
        self.code = code; self.message = message; self.requestId = requestId; self.httpStatus = httpStatus
        self.service = service; self.action = action; self.serverDate = serverDate
        self.retryAfterMilliseconds = retryAfterMilliseconds
    }

    /// One line: `sqs CreateQueue: QueueDeletedRecently: … (HTTP 400, request id …)`.
    public var description: String {
        var text = "\(service) \(action): \(code)"
        if !message.isEmpty { text += ": " + message.replacingNewlines() }
        text += " (HTTP \(httpStatus)"
        if let requestId, !requestId.isEmpty { text += ", request id \(requestId)" }
        return text + ")"
    }
}

extension String {
    /// Keeps error text on one line.
    func replacingNewlines() -> String {
        split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.joined(separator: " ")
    }
}
