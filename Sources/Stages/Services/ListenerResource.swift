import AWSClient
import Provisioning

/// A listener of the ALB, found by its port. HTTP alone answers requests (default: fixed 404,
/// the path rules do the routing); with a certificate HTTPS answers and HTTP only redirects.
struct ListenerResource: Resource {
    typealias Live = ElasticLoadBalancingV2.Listener

    let address: ResourceAddress
    let client: AWSClient
    let loadBalancer: ResourceAddress
    let settings: ElasticLoadBalancingV2.ListenerSettings

    var elb: ElasticLoadBalancingV2 { ElasticLoadBalancingV2(client: client) }
    var dependencies: [ResourceAddress] { [loadBalancer] }

    /// What the ALB answers a path no rule claims (problem+json body; ALB allows only a few content types).
    static let notFound = ElasticLoadBalancingV2.ListenerAction.fixedResponse(
        statusCode: 404, contentType: "application/json",
        body: #"{"type":"about:blank","title":"Not Found","status":404}"#)

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let arn = try context.output("arn", of: loadBalancer).value else { return nil }
        return try await elb.listeners(ofLoadBalancer: arn).first { $0.port == settings.port }
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("protocol", desired: settings.listenerProtocol, live: live?.listenerProtocol)
        diff.compare("certificate", desired: settings.certificateArn, live: live?.certificateArns.first)
        // Only HTTPS has a TLS policy; some endpoints still report a default one for HTTP.
        if settings.listenerProtocol == "HTTPS" {
            diff.compare("sslPolicy", desired: settings.sslPolicy, live: live?.sslPolicy)
        }
        diff.compare("defaultAction", desired: settings.defaultAction.description,
                     live: live?.defaultAction?.description)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await elb.createListener(loadBalancerArn: try context.requireOutput("arn", of: loadBalancer), settings,
                                     tags: context.tags)
    }

    /// Turning HTTP into a redirect also removes its path rules: they would answer before the redirect.
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let updated = try await elb.modifyListener(live.arn, settings)
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

    func outputs(_ live: Live) -> ResourceOutputs {
        ResourceOutputs(["arn": live.arn])
    }
}
