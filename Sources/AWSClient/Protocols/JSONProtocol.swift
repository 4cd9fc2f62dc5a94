/// AWS JSON 1.0 / 1.1: every operation is `POST /` with `X-Amz-Target: <prefix>.<Action>`
/// and a JSON body; the answer is JSON.
public enum JSONProtocol {
    public static func request(_ service: ServiceDescriptor, action: String, input: JSONValue) -> AWSHTTPRequest {
        guard case .json(let version, let targetPrefix) = service.wireProtocol else {
            preconditionFailure("\(service.serviceId) does not speak AWS JSON")
        }
        return AWSHTTPRequest(
            method: "POST", path: "/",
            headers: [("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", "\(targetPrefix).\(action)")],
            body: input.encoded())
    }
}

extension AWSClient {
    /// Calls a JSON-protocol operation and returns the answer's document.
    public func json(_ service: ServiceDescriptor, _ action: String, _ input: JSONValue = [:]) async throws -> JSONValue {
        let response = try await send(service, action: action, request: JSONProtocol.request(service, action: action, input: input))
        do {
            return try JSONValue(parsing: response.body)
        } catch {
            throw AWSError(code: "MalformedResponse", message: "the answer is not JSON", requestId: response.requestIdHeader,
                           httpStatus: response.status, service: service.signingName, action: action)
        }
    }
}
