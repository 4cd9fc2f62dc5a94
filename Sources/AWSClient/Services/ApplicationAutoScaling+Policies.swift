/// Scaling policies: target tracking (keep a metric at a value) or step scaling (fired by an
/// alarm). A policy's configuration is a JSON document the caller builds, as ECS's inputs are.
extension ApplicationAutoScaling {
    public enum PolicyConfiguration: Sendable, Equatable {
        case targetTracking(JSONValue)
        case stepScaling(JSONValue)

        /// `TargetTrackingScaling` or `StepScaling`.
        public var policyType: String {
            switch self {
            case .targetTracking: "TargetTrackingScaling"
            case .stepScaling: "StepScaling"
            }
        }

        /// The member of PutScalingPolicy (and of the described policy) that carries it.
        public var key: String {
            switch self {
            case .targetTracking: "TargetTrackingScalingPolicyConfiguration"
            case .stepScaling: "StepScalingPolicyConfiguration"
            }
        }

        var document: JSONValue {
            switch self {
            case let .targetTracking(document), let .stepScaling(document): document
            }
        }
    }

    public struct ScalingPolicy: Sendable, Equatable {
        public var name: String
        public var arn: String
        public var policyType: String
        /// The target-tracking or step-scaling configuration, as described.
        public var configuration: JSONValue?

        init(_ json: JSONValue) {
            name = json["PolicyName"]?.string ?? ""
            arn = json["PolicyARN"]?.string ?? ""
            policyType = json["PolicyType"]?.string ?? ""
            configuration = json["TargetTrackingScalingPolicyConfiguration"] ?? json["StepScalingPolicyConfiguration"]
        }
    }

    /// The named policies of one target (the first page: a target holds at most 50).
    public func describeScalingPolicies(_ dimension: Dimension, resourceId: String,
                                        policyNames: [String]) async throws -> [ScalingPolicy] {
        var input = dimension.input
        input["ResourceId"] = .string(resourceId)
        input["PolicyNames"] = .array(policyNames.map { .string($0) })
        let output = try await client.json(.applicationAutoScaling, "DescribeScalingPolicies", .object(input))
        return (output["ScalingPolicies"]?.array ?? []).map(ScalingPolicy.init)
    }

    /// Creates or replaces the policy; returns its ARN.
    public func putScalingPolicy(name: String, _ dimension: Dimension, resourceId: String,
                                 configuration: PolicyConfiguration) async throws -> String {
        var input = dimension.input
        input["PolicyName"] = .string(name)
        input["ResourceId"] = .string(resourceId)
        input["PolicyType"] = .string(configuration.policyType)
        input[configuration.key] = configuration.document
        let output = try await client.json(.applicationAutoScaling, "PutScalingPolicy", .object(input))
        return output["PolicyARN"]?.string ?? ""
    }

    public func deleteScalingPolicy(name: String, _ dimension: Dimension, resourceId: String) async throws {
        var input = dimension.input
        input["PolicyName"] = .string(name)
        input["ResourceId"] = .string(resourceId)
        _ = try await client.json(.applicationAutoScaling, "DeleteScalingPolicy", .object(input))
    }
}
