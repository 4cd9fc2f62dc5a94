import AWSClient
import Provisioning

/// One API's IP target group: ECS registers the tasks' addresses, the ALB checks each on the
/// service's health path. A short deregistration delay keeps deploys quick (the services
/// drain on SIGTERM themselves). Port, VPC, protocol and target type need a new group.
struct TargetGroupResource: Resource {
    struct Live: Sendable {
        var group: ElasticLoadBalancingV2.TargetGroup
        var deregistrationDelaySeconds: Int?
    }

    static let delayAttribute = "deregistration_delay.timeout_seconds"

    let address: ResourceAddress
    let client: AWSClient
    let name: String
    let port: Int
    let vpc: Dependency<VPCResource.Outputs>
    let healthCheck: ElasticLoadBalancingV2.HealthCheck
    let deregistrationDelaySeconds: Int

    var elb: ElasticLoadBalancingV2 { ElasticLoadBalancingV2(client: client) }
    var dependencies: [ResourceAddress] { [vpc.address] }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let group = try await elb.targetGroup(named: name) else { return nil }
        let attributes = try await elb.targetGroupAttributes(group.arn)
        return Live(group: group, deregistrationDelaySeconds: attributes[Self.delayAttribute].flatMap { Int($0) })
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("port", desired: port, live: live?.group.port, onChange: .replace)
        diff.compare("protocol", desired: "HTTP", live: live?.group.targetProtocol, onChange: .replace)
        diff.compare("targetType", desired: "ip", live: live?.group.targetType, onChange: .replace)
        diff.compare("vpcId", desired: try context.output(\.vpcId, of: vpc), live: live?.group.vpcId, onChange: .replace)
        diff.compare("healthCheckPath", desired: healthCheck.path, live: live?.group.healthCheck.path)
        diff.compare("healthCheckIntervalSeconds", desired: healthCheck.intervalSeconds, live: live?.group.healthCheck.intervalSeconds)
        diff.compare("healthCheckTimeoutSeconds", desired: healthCheck.timeoutSeconds, live: live?.group.healthCheck.timeoutSeconds)
        diff.compare("healthyThreshold", desired: healthCheck.healthyThreshold, live: live?.group.healthCheck.healthyThreshold)
        diff.compare("unhealthyThreshold", desired: healthCheck.unhealthyThreshold, live: live?.group.healthCheck.unhealthyThreshold)
        diff.compare("matcher", desired: healthCheck.matcher, live: live?.group.healthCheck.matcher)
        diff.compare("deregistrationDelaySeconds", desired: deregistrationDelaySeconds, live: live?.deregistrationDelaySeconds)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let group = try await elb.createIPTargetGroup(
            name: name, port: port, vpcId: try context.requireOutput(\.vpcId, of: vpc), healthCheck: healthCheck,
            tags: context.tags)
        try await elb.modifyTargetGroupAttributes(group.arn, [Self.delayAttribute: String(deregistrationDelaySeconds)])
        return Live(group: group, deregistrationDelaySeconds: deregistrationDelaySeconds)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        if changes.contains(where: { $0.field != "deregistrationDelaySeconds" }) {
            try await elb.modifyHealthCheck(live.group.arn, healthCheck)
            live.group.healthCheck = healthCheck
        }
        if changes.contains(where: { $0.field == "deregistrationDelaySeconds" }) {
            try await elb.modifyTargetGroupAttributes(live.group.arn, [Self.delayAttribute: String(deregistrationDelaySeconds)])
            live.deregistrationDelaySeconds = deregistrationDelaySeconds
        }
        return live
    }

    /// A group still referenced by a rule that is being deleted answers ResourceInUse for a moment.
    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.retryingDependencyViolation {
            try await AWSErrorMatching.ignoringNotFound { try await elb.deleteTargetGroup(live.group.arn) }
        }
    }

    struct Outputs: PublishedOutputs {
        let arn, arnSuffix, name: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(arn: live.group.arn, arnSuffix: live.group.arnSuffix, name: live.group.name)
    }
}

extension TargetGroupResource: SingleKindResource {
    static let kind = "target_group"

    /// The stack's target groups (see `ELBTagListing`).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let elb = ElasticLoadBalancingV2(client: scope.client)
        return try await ELBTagListing.tagged(
            try await elb.allTargetGroups().map { ($0.name, $0.arn) }, stack: stack, namePrefix: scope.namePrefix, elb: elb)
    }

    /// A group still referenced by a rule that is being deleted answers ResourceInUse for a moment.
    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        let elb = ElasticLoadBalancingV2(client: scope.client)
        try await AWSErrorMatching.ignoringNotFound {
            try await AWSErrorMatching.retryingDependencyViolation { try await elb.deleteTargetGroup(id) }
        }
    }
}
