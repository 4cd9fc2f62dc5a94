import AWSClient
import Foundation
import Provisioning
import Stack

/// `tpsctl rotate origin-secret`: a new origin header value with no request refused on the way.
///
/// 1. A new value is put as `AWSPENDING` (unless one is pending already: a resumed rotation).
/// 2. Every region's ALB rules accept both `AWSCURRENT` and `AWSPENDING`.
/// 3. The distribution sends the pending value; the rotation waits until it is Deployed.
/// 4. The pending version becomes `AWSCURRENT` (the old one `AWSPREVIOUS`).
/// 5. The rules accept the new value only.
///
/// The staging labels are the rotation's only record: a run killed anywhere is finished by the
/// next one, which repeats steps that are already done as no-ops. After each change the ALBs and
/// the edges must see, it waits `settle`, as rule changes reach an ALB's nodes a moment after the
/// API answers.
public struct OriginSecretRotation: Sendable {
    let stack: Stack
    let targets: [RegionTarget]
    let secret: OriginSecret
    let settle: Duration
    let waitPolicy: WaitPolicy
    let progress: @Sendable (String) -> Void

    /// `targets` must cover every region of the stack: the distribution sends one value to all ALBs.
    public init(stack: Stack, targets: [RegionTarget], settle: Duration = .seconds(15), waitPolicy: WaitPolicy = .init(),
                progress: @escaping @Sendable (String) -> Void) throws {
        let missing = stack.regions.map(\.region.name).filter { name in !targets.contains { $0.name == name } }
        guard missing.isEmpty else {
            throw StageFailure("rotate origin-secret: the distribution sends one value to every region's ALB; "
                               + "leave out --region (or give --all-regions): \(missing.joined(separator: ", ")) not selected")
        }
        guard let first = targets.first, let secret = OriginSecret.of(stack, client: first.client, ownerTargeted: false) else {
            throw StageFailure("rotate origin-secret: \(stack.name) has no CloudFront distribution (cloudFront.enabled), so no origin header")
        }
        self.stack = stack
        self.targets = targets
        self.secret = secret
        self.settle = settle
        self.waitPolicy = waitPolicy
        self.progress = progress
    }

    public func run() async throws {
        let secrets = secret.secrets
        var values = try await secret.requireValues()
        if values.pending == nil {
            let next = try await secrets.randomPassword(length: 64)
            try await secrets.putSecretValue(id: secret.secretName, value: next, clientRequestToken: UUID().uuidString,
                                             versionStages: [SecretsManager.pendingStage])
            values = try await secret.requireValues()
            progress("origin-secret: a new value is pending in \(secret.secretName) (AWSPENDING)")
        } else {
            progress("origin-secret: resuming: \(secret.secretName) already has a pending value")
        }
        guard let pending = values.pending else { throw StageFailure("origin-secret: \(secret.secretName) kept no AWSPENDING version") }

        try await acceptOnly(values.accepted, step: "accept the current and the pending value")
        try await sendFromDistribution(pending.value)

        if values.current.id != pending.id {
            try await secrets.updateSecretVersionStage(id: secret.secretName, stage: SecretsManager.currentStage,
                                                       moveTo: pending.id, removeFrom: values.current.id)
        }
        try await secrets.updateSecretVersionStage(id: secret.secretName, stage: SecretsManager.pendingStage,
                                                   moveTo: nil, removeFrom: pending.id)
        progress("origin-secret: the new value is AWSCURRENT; the old one AWSPREVIOUS")
        try await acceptOnly([pending.value.value], step: "accept the new value only")
        progress("origin-secret: rotated")
    }

    /// Sets every guarded rule of every region's ALB to exactly `accepted`.
    func acceptOnly(_ accepted: [String], step: String) async throws {
        var changed = 0
        for target in targets {
            let elb = ElasticLoadBalancingV2(client: target.client)
            let name = stack.namer(for: target.config.region).name("alb", limit: .loadBalancer)
            guard let balancer = try await elb.describeLoadBalancers(names: [name]).first else {
                throw StageFailure("origin-secret: \(target.name) has no load balancer \(name): run tpsctl up first")
            }
            for listener in try await elb.listeners(ofLoadBalancer: balancer.arn) {
                for rule in try await elb.rules(ofListener: listener.arn) {
                    guard let index = rule.conditions.firstIndex(where: OriginSecret.isHeader), let action = rule.action,
                          Set(rule.conditions[index].values) != Set(accepted) else { continue }
                    var conditions = rule.conditions
                    conditions[index].values = accepted
                    try await elb.modifyRule(rule.arn, conditions: conditions, action: action)
                    changed += 1
                }
            }
        }
        progress("origin-secret: listener rules \(step) (\(changed) changed)")
        if changed > 0 { try await Task.sleep(for: settle) }
    }

    /// Points every origin's header at `value` and waits until the distribution is Deployed.
    func sendFromDistribution(_ value: SecretsManager.SecretValue) async throws {
        guard let owner = targets.first(where: { $0.config.region == stack.primaryRegion }) else { return }
        let cloudFront = CloudFront(client: owner.client)
        let comment = DistributionComment.of(stackName: stack.name)
        var found: (id: String, config: XMLTree, etag: String)?
        for summary in try await cloudFront.listDistributions() where summary.comment == comment || summary.comment.isEmpty {
            let (config, etag) = try await cloudFront.getDistributionConfig(id: summary.id)
            if config.string("Comment") == comment { found = (summary.id, config, etag) }
        }
        guard let found else { throw StageFailure("origin-secret: \(stack.name) has no distribution: run tpsctl up first") }
        let config = OriginSecret.rewritingHeaderValues(found.config) { _ in value.value }
        guard OriginSecret.headerCount(config) > 0 else {
            throw StageFailure("origin-secret: distribution \(found.id) sends no \(OriginSecret.headerName): run tpsctl up --stage 07 first")
        }
        if config != found.config {
            _ = try await cloudFront.updateDistribution(id: found.id, config: config, ifMatch: found.etag)
        }
        _ = try await Waiter(policy: waitPolicy).wait(for: "distribution \(found.id) Deployed") {
            let status = try await cloudFront.getDistribution(id: found.id).summary.status
            return status == "Deployed" ? .done(status) : .pending(status)
        }
        progress("origin-secret: distribution \(found.id) sends the pending value (Deployed)")
        if config != found.config { try await Task.sleep(for: settle) }
    }
}
