import AWSClient
import Provisioning

/// One scaling policy of a scalable target. Found by its deterministic name on the target's
/// resource id; PutScalingPolicy creates and updates alike. Policies carry no tags: they live
/// and die with their target (deregistering the target deletes them).
struct ScalingPolicyResource: Resource {
    struct Live: Sendable {
        var resourceId: String
        var arn: String
        var policyType: String
        var configuration: JSONValue?
    }

    let address: ResourceAddress
    let client: AWSClient
    /// The `scalable_target.<service>` this policy scales.
    let target: Dependency<ScalableTargetResource.Outputs>
    let policyName: String
    let spec: ScalingPolicySpec

    private var autoScaling: ApplicationAutoScaling { ApplicationAutoScaling(client: client) }

    var dependencies: [ResourceAddress] { [target.address] + spec.dependencies }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let resourceId = try context.output(\.resourceId, of: target).value else { return nil }
        let policies = try await autoScaling.describeScalingPolicies(
            ScalableTargetResource.scaledDimension, resourceId: resourceId, policyNames: [policyName])
        guard let policy = policies.first(where: { $0.name == policyName }) else { return nil }
        return Live(resourceId: resourceId, arn: policy.arn, policyType: policy.policyType,
                    configuration: policy.configuration)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("policyType", desired: spec.policyType, live: live?.policyType, onChange: .replace)
        let desired = try spec.configuration(context)
        let liveText = desired.value.flatMap { JSONProjection.text(live?.configuration, onto: $0) }
        diff.compare(spec.configurationKey, desired: desired.map { $0.encodedString() },
                     live: liveText ?? live?.configuration?.encodedString())
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await put(context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await put(context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await autoScaling.deleteScalingPolicy(name: policyName, ScalableTargetResource.scaledDimension,
                                                      resourceId: live.resourceId)
        }
    }

    struct Outputs: PublishedOutputs {
        let policyName, policyArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(policyName: policyName, policyArn: live.arn)
    }

    private func put(_ context: ResourceContext) async throws -> Live {
        let resourceId = try context.requireOutput(\.resourceId, of: target)
        guard let configuration = try spec.configuration(context).value else {
            throw StageFailure("\(address): the policy's metric names a resource that is not applied yet")
        }
        let arn = try await autoScaling.putScalingPolicy(
            name: policyName, ScalableTargetResource.scaledDimension, resourceId: resourceId,
            configuration: spec.policyConfiguration(configuration))
        return Live(resourceId: resourceId, arn: arn, policyType: spec.policyType,
                    configuration: configuration)
    }
}
