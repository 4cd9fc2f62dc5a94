/// EC2 Query: the Query wire format with EC2's own list naming (`Filter.1.Value.1`, built
/// with `member: nil`) and answers without a Result wrapper: `<ActionResponse>…</ActionResponse>`.
public enum EC2QueryProtocol {
    public static func request(action: String, parameters: QueryParameters) -> AWSHTTPRequest {
        QueryProtocol.request(.ec2, action: action, parameters: parameters)
    }
}

extension AWSClient {
    /// Calls an EC2 operation and returns the `<ActionResponse>` root.
    public func ec2(_ action: String, _ parameters: QueryParameters = QueryParameters()) async throws -> XMLTree {
        let response = try await send(.ec2, action: action, request: EC2QueryProtocol.request(action: action, parameters: parameters))
        return try parseXML(response, service: .ec2, action: action)
    }
}
