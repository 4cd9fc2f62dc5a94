/// Application Auto Scaling (AWS JSON 1.1): scalable targets (an ECS service's desired count
/// between bounds) and the scaling policies that move it.
public struct ApplicationAutoScaling: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// What is scaled: a service namespace and one of its dimensions.
    public struct Dimension: Sendable, Equatable {
        public var serviceNamespace: String
        public var scalableDimension: String

        public init(serviceNamespace: String, scalableDimension: String) {
            self.serviceNamespace = serviceNamespace
            self.scalableDimension = scalableDimension
        }

        /// An ECS service's desired task count (resource id `service/<cluster>/<service>`).
        public static let ecsServiceDesiredCount = Dimension(serviceNamespace: "ecs",
                                                             scalableDimension: "ecs:service:DesiredCount")

        var input: [String: JSONValue] {
            ["ServiceNamespace": .string(serviceNamespace), "ScalableDimension": .string(scalableDimension)]
        }
    }

    public struct ScalableTarget: Sendable, Equatable {
        public var resourceId: String
        public var arn: String
        public var minCapacity: Int
        public var maxCapacity: Int

        init(_ json: JSONValue) {
            resourceId = json["ResourceId"]?.string ?? ""
            arn = json["ScalableTargetARN"]?.string ?? ""
            minCapacity = json["MinCapacity"]?.int ?? 0
            maxCapacity = json["MaxCapacity"]?.int ?? 0
        }
    }

    /// The dimension's targets, only those of `resourceIds` when given; follows NextToken.
    public func describeScalableTargets(_ dimension: Dimension, resourceIds: [String] = []) async throws -> [ScalableTarget] {
        var input = dimension.input
        if !resourceIds.isEmpty { input["ResourceIds"] = .array(resourceIds.map { .string($0) }) }
        var targets: [ScalableTarget] = []
        for try await page in client.jsonPages(.applicationAutoScaling, "DescribeScalableTargets", .object(input)) {
            targets += (page["ScalableTargets"]?.array ?? []).map(ScalableTarget.init)
        }
        return targets
    }

    /// Creates the target or, registered again, changes its bounds. `tags` are only taken at creation.
    public func registerScalableTarget(_ dimension: Dimension, resourceId: String, minCapacity: Int, maxCapacity: Int,
                                       tags: [String: String]? = nil) async throws {
        var input = dimension.input
        input["ResourceId"] = .string(resourceId)
        input["MinCapacity"] = .number(Double(minCapacity))
        input["MaxCapacity"] = .number(Double(maxCapacity))
        if let tags { input["Tags"] = .object(tags.mapValues(JSONValue.string)) }
        _ = try await client.json(.applicationAutoScaling, "RegisterScalableTarget", .object(input))
    }

    /// Also deletes the target's scaling policies.
    public func deregisterScalableTarget(_ dimension: Dimension, resourceId: String) async throws {
        var input = dimension.input
        input["ResourceId"] = .string(resourceId)
        _ = try await client.json(.applicationAutoScaling, "DeregisterScalableTarget", .object(input))
    }
}
