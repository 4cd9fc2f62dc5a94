import AWSClient
import Provisioning
import Stack

/// Stage 07-cloudfront: the distribution in front of every region's ALB, with the summary
/// cache policy and the API origin request policy.
///
/// CloudFront is global, but the engine keys everything by region: the stack's primary region
/// (`cloudFront.primaryRegion`, else the home region, which the stack requires it to be) owns
/// it. That region's ALB is the origin group's primary and the origin of the writing paths
/// (those go to `app.homeRegion`'s ALB by name), so the distribution lives and dies
/// with the region it mostly sends traffic to, and its state sits in that region's
/// `infra/out/<region>/07-cloudfront.json`. Because it reads every region's ALB, the stage is
/// part of a command only when the command covers all of the stack's regions; a command for
/// some regions leaves the distribution alone (it would otherwise look like an orphan).
struct CloudFrontStage: StageContribution {
    let stack: Stack
    let owner: RegionTarget

    /// nil when the stack disables CloudFront or `targets` leaves out one of its regions.
    init?(stack: Stack, targets: [RegionTarget]) {
        guard stack.cloudFront.enabled,
              stack.regions.allSatisfy({ region in targets.contains { $0.config.region == region.region } }),
              let owner = targets.first(where: { $0.config.region == stack.primaryRegion })
        else { return nil }
        self.stack = stack
        self.owner = owner
    }

    var region: RegionName { RegionName(owner.name) }

    func address(_ kind: String, _ name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .cloudfront, kind: kind, name: name)
    }

    var distribution: ResourceAddress { Self.distribution(region).address }

    /// The distribution, recorded under the region that owns it.
    static func distribution(_ region: RegionName) -> Dependency<DistributionResource.Outputs> {
        Dependency(ResourceAddress(region: region, stage: .cloudfront, kind: "cloudfront_distribution", name: "main"))
    }
    var summaryCachePolicy: ResourceAddress { address(CloudFrontPolicyResource.kind(of: .cache), "summary") }
    var apiOriginRequestPolicy: ResourceAddress { address(CloudFrontPolicyResource.kind(of: .originRequest), "api") }
    var viewerCertificate: ResourceAddress { address("acm_certificate", "distribution") }
    /// CloudFront takes viewer certificates from us-east-1 only.
    static let certificateRegion = "us-east-1"
    var webACL: ResourceAddress { address("web_acl", "main") }
    /// The header every origin gets; its secret is stage 03's in this (the owning) region.
    var originSecret: OriginSecret? { OriginSecret.of(stack, client: owner.client, ownerTargeted: true) }
    /// Unique among the account's CLOUDFRONT-scope web ACLs (letters, digits, hyphens; ≤ 128).
    var webACLName: String { "\(stack.name)-edge" }

    /// Global names: the stack's name without a region.
    var summaryPolicyName: String { "\(stack.name)-summary-cache" }
    var apiPolicyName: String { "\(stack.name)-api-forwarding" }
    /// Marks the stack's distribution in listings, so `read` fetches only its candidates' tags.
    var comment: String { DistributionComment.of(stackName: stack.name) }

    /// Regions in origin order: the primary first, then the others as the stack lists them.
    var originRegions: [String] {
        let primary = stack.primaryRegion
        return [primary.name] + stack.regions.map(\.region.name).filter { $0 != primary.name }
    }

    var loadBalancers: [DistributionResource.OriginALB] {
        originRegions.map { name in
            let region = AWSRegion(name)!
            let https = ServicesStage.servesHTTPS(stack, region: region)
            return .init(region: name,
                         loadBalancer: ServicesStage.loadBalancer(RegionName(name)),
                         httpsName: https ? stack.domain?.originName(for: region) : nil)
        }
    }

    func resources() -> [any Resource] {
        var distributionResource = DistributionResource(
            address: distribution, client: owner.client, comment: comment,
            priceClass: stack.cloudFront.priceClass.rawValue,
            loadBalancers: loadBalancers, homeRegion: stack.homeRegion.name,
            summaryCachePolicy: Dependency(summaryCachePolicy), apiOriginRequestPolicy: Dependency(apiOriginRequestPolicy),
            servedLocally: stack.local != nil, webACL: stack.waf.enabled ? Dependency(webACL) : nil,
            originSecret: originSecret)
        var domainResources: [any Resource] = []
        if let domain = stack.domain {
            distributionResource.viewerName = (name: domain.name, certificate: Dependency(viewerCertificate))
            domainResources.append(CertificateResource(
                address: viewerCertificate, client: owner.client.withRegion(Self.certificateRegion), domainName: domain.name,
                hostedZoneId: domain.hostedZoneId))
            if let zone = domain.hostedZoneId {
                domainResources.append(AliasRecordResource(
                    address: address("route53_record", "main"), client: owner.client, hostedZoneId: zone, name: domain.name,
                    target: .distribution(Dependency(distribution))))
            }
        }
        var resources: [any Resource] = domainResources + [
            CloudFrontPolicyResource(
                address: summaryCachePolicy, client: owner.client, kind: .cache,
                config: CloudFrontPolicyDocuments.summaryCache(name: summaryPolicyName,
                                                               ttlSeconds: stack.cloudFront.summaryTTLSeconds)),
            CloudFrontPolicyResource(
                address: apiOriginRequestPolicy, client: owner.client, kind: .originRequest,
                config: CloudFrontPolicyDocuments.apiForwarding(name: apiPolicyName)),
            distributionResource,
        ]
        if stack.waf.enabled {
            // First, as the distribution reads its ARN (the engine orders by dependency anyway).
            resources.insert(WebACLResource(address: webACL, client: owner.client, name: webACLName,
                                            document: WebACLDocument.document(stack.waf, metricPrefix: webACLName)), at: 0)
        }
        return resources
    }

    func sweeps() -> [KindSweep] {
        func policies(_ kind: CloudFront.PolicyKind, names: [String: ResourceAddress]) -> KindSweep {
            KindSweep(CloudFrontPolicyResource.self, region: region, stage: .cloudfront,
                      scope: CloudFrontPolicyResource.Scope(client: owner.client, policyKind: kind, names: names))
        }
        return [
            KindSweep(DistributionResource.self, region: region, stage: .cloudfront, scope: owner.client),
            KindSweep(CertificateResource.self, region: region, stage: .cloudfront,
                      scope: CertificateResource.Scope(client: owner.client.withRegion(Self.certificateRegion), stage: .cloudfront)),
            policies(.cache, names: [summaryPolicyName: summaryCachePolicy]),
            policies(.originRequest, names: [apiPolicyName: apiOriginRequestPolicy]),
        ]
    }
}
