/// AWS Query: `POST /` with a form body `Action=…&Version=…&<parameters>`; the answer is
/// `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…</ActionResponse>`.
public enum QueryProtocol {
    public static func request(_ service: ServiceDescriptor, action: String, parameters: QueryParameters) -> AWSHTTPRequest {
        AWSHTTPRequest(
            method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: parameters.formBody(action: action, version: service.apiVersion))
    }

    /// The `<ActionResult>` element of an answer (the root when there is none, e.g. empty results).
    static func result(of root: XMLTree, action: String) -> XMLTree {
        root.child(action + "Result") ?? root
    }
}

extension AWSClient {
    /// Calls a Query-protocol operation (IAM, STS, ELBv2, RDS, ElastiCache) and returns its
    /// `<ActionResult>` element. `signed: false` for the few unsigned operations.
    public func query(_ service: ServiceDescriptor, _ action: String, _ parameters: QueryParameters = QueryParameters(),
                      signed: Bool = true) async throws -> XMLTree {
        let request = QueryProtocol.request(service, action: action, parameters: parameters)
        let response = try await send(service, action: action, request: request, signed: signed)
        return QueryProtocol.result(of: try parseXML(response, service: service, action: action), action: action)
    }

    /// The answer's XML, or a `MalformedResponse` error naming the service and action.
    func parseXML(_ response: AWSHTTPResponse, service: ServiceDescriptor, action: String) throws -> XMLTree {
        do {
            return try XMLTree(parsing: response.body)
        } catch {
            throw AWSError(code: "MalformedResponse", message: "the answer is not XML (\(error))",
                           requestId: response.requestIdHeader, httpStatus: response.status,
                           service: service.signingName, action: action)
        }
    }
}
