import AWSClient
import Provisioning

/// Routes one API's path prefix (`/public/*`, `/confirm/*`) to its target group. Found by its
/// fixed priority on the listener, so a re-run never adds a second rule.
struct ListenerRuleResource: Resource {
    typealias Live = ElasticLoadBalancingV2.Rule

    let address: ResourceAddress
    let client: AWSClient
    let listener: Dependency<ListenerResource.Outputs>
    let targetGroup: Dependency<TargetGroupResource.Outputs>
    let priority: Int
    let pathPatterns: [String]

    var elb: ElasticLoadBalancingV2 { ElasticLoadBalancingV2(client: client) }
    var dependencies: [ResourceAddress] { [listener.address, targetGroup.address] }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let arn = try context.output(\.arn, of: listener).value else { return nil }
        return try await elb.rules(ofListener: arn).first { $0.priority == String(priority) }
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("pathPatterns", desired: pathPatterns, live: live?.pathPatterns)
        let target = try context.output(\.arn, of: targetGroup)
        diff.compare("forwardTo", desired: target, live: live?.action.flatMap { action -> String? in
            if case let .forward(arn) = action { return arn }
            return action.description
        })
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await elb.createRule(
            listenerArn: try context.requireOutput(\.arn, of: listener), priority: priority, pathPatterns: pathPatterns,
            action: .forward(targetGroupArn: try context.requireOutput(\.arn, of: targetGroup)), tags: context.tags)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let target = try context.requireOutput(\.arn, of: targetGroup)
        try await elb.modifyRule(live.arn, pathPatterns: pathPatterns, action: .forward(targetGroupArn: target))
        var live = live
        live.pathPatterns = pathPatterns
        live.action = .forward(targetGroupArn: target)
        return live
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await elb.deleteRule(live.arn) }
    }

    struct Outputs: PublishedOutputs {
        let arn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(arn: live.arn)
    }
}
