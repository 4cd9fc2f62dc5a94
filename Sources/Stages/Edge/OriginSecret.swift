import AWSClient
import Provisioning
import Stack

/// The secret origin header that keeps each ALB behind the distribution: CloudFront sends
/// `X-Origin-Verify: <value>` to every origin, the ALB's path rules require it, and anything
/// else gets the listener's fixed 403. The prefix list on the ALB's security group admits every
/// CloudFront distribution of every account; this header admits only the stack's own.
///
/// The value lives in one Secrets Manager secret, in the region that owns the distribution
/// (stage 03 generates it). The rules and the distribution read it when they are created or
/// changed; everything else — plans, state, logs, errors — sees only whether a live value is
/// one the secret holds. During a rotation the secret holds two: `AWSCURRENT`, and the next one
/// as `AWSPENDING` (see ``OriginSecretRotation``); the rules accept both.
struct OriginSecret: Sendable {
    static let headerName = "X-Origin-Verify"
    /// The secret's name after the stack prefix.
    static let secretSuffix = "origin-header"
    /// What plans show instead of a value the secret holds, and instead of any other value.
    static let heldValue = "(the origin secret)"
    static let otherValue = "(another value)"

    /// The routing listener's default behind CloudFront: a request without the header matches
    /// no rule and gets this (problem+json, as the 404 it replaces).
    static let refusal = ElasticLoadBalancingV2.ListenerAction.fixedResponse(
        statusCode: 403, contentType: "application/json",
        body: #"{"type":"about:blank","title":"Forbidden","status":403}"#)

    let region: AWSRegion
    let client: AWSClient
    let secretName: String
    /// Stage 03's resource when the command builds that region too (so it is created first).
    let address: ResourceAddress?

    /// The stack's origin secret when CloudFront fronts the ALBs; nil otherwise. `client` is
    /// any of the command's clients (re-aimed at the owning region).
    static func of(_ stack: Stack, client: AWSClient, ownerTargeted: Bool) -> OriginSecret? {
        guard stack.cloudFront.enabled else { return nil }
        let region = stack.primaryRegion
        return OriginSecret(region: region, client: client.withRegion(region.name),
                            secretName: stack.namer(for: region).name(secretSuffix, limit: .secretsManagerSecret),
                            address: ownerTargeted ? DataPlaneStage.address(RegionName(region.name), kind: "secret", name: secretSuffix) : nil)
    }

    /// Stage 03's resource that generates the value; `up` never changes it, `tpsctl rotate
    /// origin-secret` does. nil when this command does not build the owning region.
    func resource(stackName: String) -> StackSecretResource? {
        address.map {
            StackSecretResource(address: $0, client: client, secretName: secretName,
                                summary: "\(Self.headerName) that \(stackName)'s distribution sends its ALBs", source: .generated(length: 64))
        }
    }

    /// The values a listener rule accepts: the current one, and the pending one mid-rotation.
    struct Values: Sendable {
        var current: SecretsManager.Version
        var pending: SecretsManager.Version?

        var accepted: [String] { [current.value.value] + (pending.map { [$0.value.value] } ?? []) }
    }

    var secrets: SecretsManager { SecretsManager(client: client) }

    /// nil while the secret does not exist (stage 03 not applied yet).
    func values() async throws -> Values? {
        guard let current = try await secrets.getSecretValue(id: secretName, versionStage: SecretsManager.currentStage) else {
            return nil
        }
        return Values(current: current, pending: try await secrets.getSecretValue(id: secretName, versionStage: SecretsManager.pendingStage))
    }

    func requireValues() async throws -> Values {
        guard let values = try await values() else { throw OriginSecretMissing(secret: self) }
        return values
    }

    /// The rule's http-header condition, its values replaced by what a plan may show.
    func masked(_ rule: ElasticLoadBalancingV2.Rule, accepted: [String]?) -> ElasticLoadBalancingV2.Rule {
        var rule = rule
        for index in rule.conditions.indices where Self.isHeader(rule.conditions[index]) {
            let held = accepted.map { Set(rule.conditions[index].values) == Set($0) } ?? false
            rule.conditions[index].values = [held ? Self.heldValue : Self.otherValue]
        }
        return rule
    }

    /// What the rule's header condition shows in a plan (after ``masked(_:accepted:)``).
    static func shown(_ rule: ElasticLoadBalancingV2.Rule?) -> String? {
        rule?.conditions.first(where: isHeader)?.values.first ?? (rule == nil ? nil : "none")
    }

    /// A distribution config's origin header values, replaced by what a plan may show.
    static func masked(_ config: XMLTree, accepted: [String]) -> XMLTree {
        rewritingHeaderValues(config) { accepted.contains($0) ? heldValue : otherValue }
    }

    /// `config` with the value of every origin's `headerName` passed through `transform`.
    static func rewritingHeaderValues(_ config: XMLTree, _ transform: (String) -> String) -> XMLTree {
        var element = config
        if isHeader(element) {
            element.children = element.children.map {
                $0.name == "HeaderValue" ? .leaf("HeaderValue", transform($0.text)) : $0
            }
            return element
        }
        element.children = element.children.map { rewritingHeaderValues($0, transform) }
        return element
    }

    /// How many origins of `config` send `headerName`.
    static func headerCount(_ config: XMLTree) -> Int {
        isHeader(config) ? 1 : config.children.reduce(0) { $0 + headerCount($1) }
    }

    private static func isHeader(_ element: XMLTree) -> Bool {
        element.name == "OriginCustomHeader" && element.string("HeaderName")?.lowercased() == headerName.lowercased()
    }

    static func isHeader(_ condition: ElasticLoadBalancingV2.RuleCondition) -> Bool {
        condition.httpHeaderName?.lowercased() == headerName.lowercased()
    }
}

/// The origin secret is missing, so rules and the distribution have no value to use.
struct OriginSecretMissing: Error, CustomStringConvertible {
    let secret: OriginSecret

    var description: String {
        "secret \(secret.secretName) (the origin header CloudFront sends the ALBs) does not exist in \(secret.region.name): "
            + "run tpsctl up --stage 03 --region \(secret.region.name) first"
    }
}
