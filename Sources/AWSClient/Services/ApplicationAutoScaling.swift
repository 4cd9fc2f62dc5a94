/// Application Auto Scaling (AWS JSON 1.1): the scalable targets of ECS services.
public struct ApplicationAutoScaling: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// The resource ids (`service/<cluster>/<service>`) of every target of one namespace and
    /// dimension (follows NextToken).
    public func describeScalableTargets(namespace: String, dimension: String) async throws -> [String] {
        var ids: [String] = []
        for try await page in client.jsonPages(.applicationAutoScaling, "DescribeScalableTargets", [
            "ServiceNamespace": .string(namespace), "ScalableDimension": .string(dimension),
        ]) {
            ids += (page["ScalableTargets"]?.array ?? []).compactMap { $0["ResourceId"]?.string }
        }
        return ids
    }
}
