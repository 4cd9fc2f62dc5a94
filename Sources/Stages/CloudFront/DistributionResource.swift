import AWSClient
import Provisioning
import Stack

/// The CloudFront distribution in front of every region's ALB (see `DistributionDocument`).
/// Found by its tags (set at creation); the comment names the stack, so only the tags of
/// distributions with that comment are read. Updates send the whole configuration with the current ETag (If-Match);
/// `up` waits until the change is Deployed. For a local stack it also shows `url`: where
/// `tpsctl local-dataplane` serves it (an address derived from the distribution ID).
struct DistributionResource: Resource {
    struct Live: Sendable {
        var id: String
        var arn: String
        var domainName: String
        var status: String
        var config: XMLTree
    }

    /// One region's ALB as an origin.
    struct OriginALB: Sendable {
        var region: String
        /// `load_balancer.main` of the region.
        var loadBalancer: Dependency<LoadBalancerResource.Outputs>
        /// The ALB answers HTTPS: CloudFront connects over HTTPS only, to this name on its
        /// certificate (the stack validator requires one). nil: HTTP to the ALB's DNS name.
        var httpsName: String?
    }

    let address: ResourceAddress
    let client: AWSClient
    let comment: String
    let priceClass: String
    /// `load_balancer.main` of each region, the primary first.
    let loadBalancers: [OriginALB]
    /// `app.homeRegion`: the origin of the writing paths.
    let homeRegion: String
    let summaryCachePolicy: Dependency<CloudFrontPolicyResource.Outputs>
    let apiOriginRequestPolicy: Dependency<CloudFrontPolicyResource.Outputs>
    /// The stack has a `local` section, so the local data plane serves this distribution.
    var servedLocally = false
    /// `domain.name` and its certificate (`acm_certificate.distribution`, us-east-1).
    var viewerName: (name: String, certificate: Dependency<CertificateResource.Outputs>)?
    /// `web_acl.main` when the stack has a WAF.
    var webACL: Dependency<WebACLResource.Outputs>? = nil
    /// The header every origin gets, which the ALBs' rules require.
    var originSecret: OriginSecret? = nil

    var dependencies: [ResourceAddress] {
        loadBalancers.map(\.loadBalancer.address) + [summaryCachePolicy.address, apiOriginRequestPolicy.address]
            + (viewerName.map { [$0.certificate.address] } ?? []) + (webACL.map { [$0.address] } ?? [])
            + (originSecret?.address.map { [$0] } ?? [])
    }

    var cloudFront: CloudFront { CloudFront(client: client) }

    /// The configuration to converge on; unknown while an ALB or a policy is yet to be created.
    func document(_ context: ResourceContext) throws -> PlannedValue<DistributionDocument> {
        guard let origins = try origins(dnsName: { try context.output(\.dnsName, of: $0).value }) else {
            return .knownAfterApply
        }
        let summary = try context.output(\.policyId, of: summaryCachePolicy)
        let forwarding = try context.output(\.policyId, of: apiOriginRequestPolicy)
        guard let summary = summary.value, let forwarding = forwarding.value else { return .knownAfterApply }
        var document = DistributionDocument(comment: comment, priceClass: priceClass, origins: origins, homeRegion: homeRegion,
                                            summaryCachePolicyId: summary, apiOriginRequestPolicyId: forwarding)
        if let viewerName {
            guard let arn = try context.output(\.arn, of: viewerName.certificate).value else { return .knownAfterApply }
            document.viewerName = .init(name: viewerName.name, certificateArn: arn)
        }
        if let webACL {
            guard let arn = try context.output(\.arn, of: webACL).value else { return .knownAfterApply }
            document.webACLId = arn
        }
        return .known(document)
    }

    /// The origins, primary first; nil while an HTTP ALB's DNS name (`dnsName(balancer)`) is unknown.
    func origins(dnsName: (Dependency<LoadBalancerResource.Outputs>) throws -> String?) rethrows -> [DistributionDocument.Origin]? {
        var origins: [DistributionDocument.Origin] = []
        for balancer in loadBalancers {
            let header = originSecret == nil ? nil : OriginSecret.heldValue
            if let name = balancer.httpsName {
                origins.append(.init(region: balancer.region, domainName: name, httpsOnly: true, originHeader: header))
                continue
            }
            guard let dns = try dnsName(balancer.loadBalancer) else { return nil }
            origins.append(.init(region: balancer.region, domainName: dns, originHeader: header))
        }
        return origins
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        // A listing without comments (the emulator's) makes every distribution a candidate.
        for summary in try await cloudFront.listDistributions() where summary.comment == comment || summary.comment.isEmpty {
            guard context.identity.match(try await cloudFront.listTags(resourceArn: summary.arn)) else { continue }
            let distribution: CloudFront.Distribution
            do {
                distribution = try await cloudFront.getDistribution(id: summary.id)
            } catch where AWSErrorMatching.isCloudFrontNotFound(error) {
                continue
            }
            var config = distribution.config ?? XMLTree("DistributionConfig")
            if let originSecret {
                config = OriginSecret.masked(config, accepted: try await originSecret.values()?.accepted ?? [])
            }
            return Live(id: summary.id, arn: summary.arn, domainName: distribution.summary.domainName,
                        status: distribution.summary.status, config: config)
        }
        return nil
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        let desired = try document(context).value?.render(callerReference: "")
        // HTTPS origins are known before their ALBs and policies exist: the plan shows them.
        let origins = try origins(dnsName: { try context.output(\.dnsName, of: $0).value })
            .map { DistributionDocument.quantified("Origins", $0.map(DistributionDocument.origin)) }
        let compared = DistributionDocument.comparedElements + (viewerName == nil ? [] : DistributionDocument.viewerNameElements)
        for name in compared {
            let current = live.flatMap { $0.config.child(name) }
            if let wanted = desired?.child(name) ?? (name == "Origins" ? origins : nil) {
                diff.compare(name, desired: XMLProjection.text(wanted),
                             live: current.flatMap { XMLProjection.text($0, onto: wanted) })
            } else {
                diff.compare(name, desired: FieldValue.knownAfterApply, live: current?.xmlString())
            }
        }
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let (document, header) = try await requireSendableDocument(context)
        let config = document.render(callerReference: context.idempotencyToken())
        let created = try await cloudFront.createDistribution(config: config, tags: context.tags)
        return Live(id: created.summary.id, arn: created.summary.arn, domainName: created.summary.domainName,
                    status: created.summary.status, config: OriginSecret.masked(created.config ?? config, accepted: header))
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let (document, header) = try await requireSendableDocument(context)
        let (current, etag) = try await cloudFront.getDistributionConfig(id: live.id)
        let config = document.render(callerReference: current.string("CallerReference") ?? context.idempotencyToken())
        let updated = try await cloudFront.updateDistribution(id: live.id, config: config, ifMatch: etag)
        return Live(id: live.id, arn: live.arn, domainName: live.domainName, status: updated.summary.status,
                    config: OriginSecret.masked(updated.config ?? config, accepted: header))
    }

    /// The document to send, with the origin secret's current value in place of its stand-in
    /// (and that value, to mask what CloudFront answers).
    private func requireSendableDocument(_ context: ResourceContext) async throws -> (DistributionDocument, [String]) {
        var document = try requireDocument(context)
        guard let originSecret else { return (document, []) }
        let value = try await originSecret.requireValues().current.value.value
        for index in document.origins.indices { document.origins[index].originHeader = value }
        return (document, [value])
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await DistributionTeardown.delete(cloudFront, id: live.id, context: context)
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "Deployed" else { return live }
        let deployed = try await DistributionTeardown.waitDeployed(cloudFront, id: live.id, context: context)
        var ready = live
        ready.status = deployed.summary.status
        return ready
    }

    struct Outputs: PublishedOutputs {
        let distributionId: String
        let distributionArn: String
        let domainName: String
        /// Only on the local data plane, where the distribution listens on a loopback port.
        let url: String?
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(distributionId: live.id, distributionArn: live.arn, domainName: live.domainName,
                url: servedLocally ? LocalDistributionAddress(distributionId: live.id).url : nil)
    }

    private func requireDocument(_ context: ResourceContext) throws -> DistributionDocument {
        guard let document = try document(context).value else {
            throw StageFailure("\(address): an ALB or a policy it routes to is not applied yet")
        }
        return document
    }
}

extension DistributionResource: SingleKindResource {
    static let kind = "cloudfront_distribution"

    /// The stack's distributions (global; listed by the owning region's graph).
    static func listTagged(stack: String, in scope: AWSClient) async throws -> [TaggedObject] {
        let cloudFront = CloudFront(client: scope)
        var found: [TaggedObject] = []
        for summary in try await cloudFront.listDistributions() {
            let tags: [String: String]
            do {
                tags = try await cloudFront.listTags(resourceArn: summary.arn)
            } catch where AWSErrorMatching.isCloudFrontNotFound(error) {
                continue
            }
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedObject(id: summary.id, tags: tags)) }
        }
        return found
    }

    static func delete(id: String, in client: AWSClient, context: ResourceContext) async throws {
        try await DistributionTeardown.delete(CloudFront(client: client), id: id, context: context)
    }
}
