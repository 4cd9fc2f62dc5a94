import NIOHTTP1

/// Reads a failed answer into the one `AWSError`, per the service's wire protocol:
/// JSON (`__type` / `x-amzn-ErrorType`, `message`), Query (`<ErrorResponse><Error>`),
/// EC2 (`<Response><Errors><Error>`), REST-XML (`<ErrorResponse><Error>` or `<Error>`).
/// An answer without a readable body (a proxy's 502 page) gets the HTTP status as its code.
public enum AWSErrorDecoder {
    public static func decode(_ response: AWSHTTPResponse, service: ServiceDescriptor, action: String) -> AWSError {
        var error: AWSError
        switch service.wireProtocol {
        case .json:
            error = decodeJSON(response, service: service, action: action)
        case .query, .ec2Query, .restXML:
            error = decodeXML(response, service: service, action: action)
        }
        error.serverDate = response.header("Date")
        error.retryAfterMilliseconds = response.header("x-amz-retry-after").flatMap { Int($0) }
        return error
    }

    static func decodeJSON(_ response: AWSHTTPResponse, service: ServiceDescriptor, action: String) -> AWSError {
        let document = try? JSONValue(parsing: response.body)
        var code = response.header("x-amzn-ErrorType").map { String($0.split(separator: ":").first ?? "") }
            ?? document?["__type"]?.string ?? document?["code"]?.string ?? document?["Code"]?.string
        code = code.map(stripNamespace)
        if service.isQueryCompatible, let queryError = response.header("x-amzn-query-error"),
           let queryCode = queryError.split(separator: ";").first, !queryCode.isEmpty
        {
            code = String(queryCode)
        }
        let message = document?["message"]?.string ?? document?["Message"]?.string
            ?? document?["errorMessage"]?.string ?? ""
        return AWSError(
            code: code.flatMap { $0.isEmpty ? nil : $0 } ?? statusCode(response.status),
            message: message.isEmpty && code == nil ? reasonPhrase(response.status) : message,
            requestId: response.requestIdHeader, httpStatus: response.status,
            service: service.signingName, action: action)
    }

    static func decodeXML(_ response: AWSHTTPResponse, service: ServiceDescriptor, action: String) -> AWSError {
        let root = try? XMLTree(parsing: response.body)
        let errorElement = root.flatMap { $0.name == "Error" ? $0 : $0.descendant("Error") }
        let code = errorElement?.string("Code").flatMap { $0.isEmpty ? nil : $0 }
        let requestId = root.flatMap { $0.child("RequestId") ?? $0.child("RequestID") ?? $0.descendant("RequestId") }?.text
        return AWSError(
            code: code ?? statusCode(response.status),
            message: errorElement?.string("Message") ?? (code == nil ? reasonPhrase(response.status) : ""),
            requestId: requestId ?? response.requestIdHeader, httpStatus: response.status,
            service: service.signingName, action: action)
    }

    /// `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException` → `ResourceNotFoundException`.
    static func stripNamespace(_ code: String) -> String {
        guard let hash = code.lastIndex(of: "#") else { return code.trimmingWhitespace() }
        return String(code[code.index(after: hash)...]).trimmingWhitespace()
    }

    /// What botocore reports for an error without a body: the status as the code.
    static func statusCode(_ status: Int) -> String { "\(status)" }

    static func reasonPhrase(_ status: Int) -> String {
        HTTPResponseStatus(statusCode: status).reasonPhrase
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
