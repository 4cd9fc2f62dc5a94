import AWSClient
import Provisioning

/// Routes one API's path prefix (`/public/*`, `/confirm/*`) to its target group. Found by its
/// fixed priority on the listener, so a re-run never adds a second rule. Behind CloudFront it
/// also requires the origin header (``OriginSecret``): every value the secret holds.
struct ListenerRuleResource: Resource {
    typealias Live = ElasticLoadBalancingV2.Rule

    let address: ResourceAddress
    let client: AWSClient
    let listener: Dependency<ListenerResource.Outputs>
    let targetGroup: Dependency<TargetGroupResource.Outputs>
    let priority: Int
    let pathPatterns: [String]
    var originSecret: OriginSecret? = nil

    var elb: ElasticLoadBalancingV2 { ElasticLoadBalancingV2(client: client) }
    var dependencies: [ResourceAddress] { [listener.address, targetGroup.address] + (originSecret?.address.map { [$0] } ?? []) }

    /// The rule with its header values masked: what `diff` sees says only whether they are the secret's.
    func read(_ context: ResourceContext) async throws -> Live? {
        guard let arn = try context.output(\.arn, of: listener).value else { return nil }
        guard let rule = try await elb.rules(ofListener: arn).first(where: { $0.priority == String(priority) }) else { return nil }
        guard let originSecret else { return rule }
        return originSecret.masked(rule, accepted: try await originSecret.values()?.accepted)
    }

    /// The path condition, and behind CloudFront the origin header with every value the secret holds.
    func conditions() async throws -> [ElasticLoadBalancingV2.RuleCondition] {
        guard let originSecret else { return [.pathPattern(pathPatterns)] }
        return [.pathPattern(pathPatterns), .httpHeader(OriginSecret.headerName, values: try await originSecret.requireValues().accepted)]
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("pathPatterns", desired: pathPatterns, live: live?.pathPatterns)
        if originSecret != nil {
            diff.compare("originHeader", desired: OriginSecret.heldValue, live: OriginSecret.shown(live))
        }
        let target = try context.output(\.arn, of: targetGroup)
        diff.compare("forwardTo", desired: target, live: live?.action.flatMap { action -> String? in
            if case let .forward(arn) = action { return arn }
            return action.description
        })
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let conditions = try await conditions()
        let rule = try await elb.createRule(
            listenerArn: try context.requireOutput(\.arn, of: listener), priority: priority, conditions: conditions,
            action: .forward(targetGroupArn: try context.requireOutput(\.arn, of: targetGroup)), tags: context.tags)
        return originSecret?.masked(rule, accepted: conditions.last?.values) ?? rule
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let target = try context.requireOutput(\.arn, of: targetGroup)
        let conditions = try await conditions()
        try await elb.modifyRule(live.arn, conditions: conditions, action: .forward(targetGroupArn: target))
        var live = live
        live.conditions = conditions
        live.action = .forward(targetGroupArn: target)
        // The header's values are exactly the secret's: shown as such, never as values.
        return originSecret?.masked(live, accepted: conditions.last?.values) ?? live
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
