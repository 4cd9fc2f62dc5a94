import AWSClient
import Provisioning

/// A listener of the ALB, found by its port. HTTP alone answers requests (default: fixed 404,
/// the path rules do the routing); with a certificate HTTPS answers and HTTP only redirects.
struct ListenerResource: Resource {
    typealias Live = ElasticLoadBalancingV2.Listener

    let address: ResourceAddress
    let client: AWSClient
    let loadBalancer: Dependency<LoadBalancerResource.Outputs>
    let settings: ElasticLoadBalancingV2.ListenerSettings
    /// The certificate tpsctl requested for this ALB (`acm_certificate.alb`), whose ARN replaces
    /// `settings.certificateArn`; nil: the stack names it, or HTTP.
    var certificate: Dependency<CertificateResource.Outputs>?

    var elb: ElasticLoadBalancingV2 { ElasticLoadBalancingV2(client: client) }
    var dependencies: [ResourceAddress] { [loadBalancer.address] + (certificate.map { [$0.address] } ?? []) }

    /// The settings with the requested certificate's ARN, once it exists.
    func resolvedSettings(_ context: ResourceContext) throws -> PlannedValue<ElasticLoadBalancingV2.ListenerSettings> {
        guard let certificate else { return .known(settings) }
        return try context.output(\.arn, of: certificate).map { arn in
            var settings = settings
            settings.certificateArn = arn
            return settings
        }
    }

    func requireSettings(_ context: ResourceContext) throws -> ElasticLoadBalancingV2.ListenerSettings {
        guard let settings = try resolvedSettings(context).value else {
            throw StageFailure("\(address): its certificate is not issued yet")
        }
        return settings
    }

    /// What the ALB answers a path no rule claims (problem+json body; ALB allows only a few content types).
    static let notFound = ElasticLoadBalancingV2.ListenerAction.fixedResponse(
        statusCode: 404, contentType: "application/json",
        body: #"{"type":"about:blank","title":"Not Found","status":404}"#)

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let arn = try context.output(\.arn, of: loadBalancer).value else { return nil }
        return try await elb.listeners(ofLoadBalancer: arn).first { $0.port == settings.port }
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("protocol", desired: settings.listenerProtocol, live: live?.listenerProtocol)
        let resolved = try resolvedSettings(context)
        if case .known(let settings) = resolved {
            diff.compare("certificate", desired: settings.certificateArn, live: live?.certificateArns.first)
        } else {
            diff.compare("certificate", desired: FieldValue.knownAfterApply, live: live?.certificateArns.first)
        }
        // Only HTTPS has a TLS policy; some endpoints still report a default one for HTTP.
        if settings.listenerProtocol == "HTTPS" {
            diff.compare("sslPolicy", desired: settings.sslPolicy, live: live?.sslPolicy)
        }
        diff.compare("defaultAction", desired: settings.defaultAction.description,
                     live: live?.defaultAction?.description)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await elb.createListener(loadBalancerArn: try context.requireOutput(\.arn, of: loadBalancer),
                                     try requireSettings(context), tags: context.tags)
    }

    /// Turning HTTP into a redirect also removes its path rules: they would answer before the redirect.
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let updated = try await elb.modifyListener(live.arn, try requireSettings(context))
        if case .redirect = settings.defaultAction {
            for rule in try await elb.rules(ofListener: live.arn) where rule.priority != "default" {
                try await AWSErrorMatching.ignoringNotFound { try await elb.deleteRule(rule.arn) }
            }
        }
        return updated.port == 0 ? live : updated
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await elb.deleteListener(live.arn) }
    }

    struct Outputs: PublishedOutputs {
        let arn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(arn: live.arn)
    }
}
