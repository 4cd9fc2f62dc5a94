import AWSClient
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Issue 16's 301 defect: with `alb.certificateArns` the HTTP listener only redirects, so a
/// distribution reaching that ALB over HTTP turned every request into a 301 to the ALB's own
/// name. Without a server: the rendered origins against the listeners stage 05 builds.
@Suite("Stage 07 reaches HTTPS ALBs over HTTPS only")
struct OriginProtocolRenderTests {
    static func stack(certificates: Bool, domain: Bool) throws -> Stack {
        var stack = try UnitFixtures.stack()
        if certificates {
            for region in stack.regions.map(\.region) {
                stack.loadBalancer.certificateARNs[region] = "arn:aws:acm:\(region.name):123456789012:certificate/c-\(region.shortName)"
            }
        }
        if domain { stack.domain = DomainConfig(name: "tickets.example.com") }
        return stack
    }

    static func origins(_ stack: Stack) throws -> [XMLTree] {
        let targets = stack.regions.map { RegionTarget(config: $0, client: UnitFixtures.client($0.region.name)) }
        let stage = try #require(CloudFrontStage(stack: stack, targets: targets))
        let distribution = try #require(stage.resources().compactMap { $0 as? DistributionResource }.first)
        let origins = try #require(distribution.origins { "\($0.address.region)-alb.elb.amazonaws.com" })
        let document = DistributionDocument(comment: "c", priceClass: "PriceClass_200", origins: origins,
                                            homeRegion: stack.homeRegion.name, summaryCachePolicyId: "s",
                                            apiOriginRequestPolicyId: "a")
        return document.render(callerReference: "r").child("Origins")?.child("Items")?.children("Origin") ?? []
    }

    @Test("no origin is reached over HTTP when its ALB's HTTP listener redirects (the 301 loop)")
    func noRedirectLoop() throws {
        for stack in [try Self.stack(certificates: true, domain: true), try Self.stack(certificates: false, domain: false)] {
            let origins = try Self.origins(stack)
            #expect(origins.count == 2)
            for origin in origins {
                let region = try #require(AWSRegion(String((origin.string("Id") ?? "").dropFirst("alb-".count))))
                let protocolPolicy = origin.string("CustomOriginConfig", "OriginProtocolPolicy")
                if case .redirect = ServicesStage.httpDefaultAction(stack, region: region) {
                    #expect(protocolPolicy == "https-only", "\(region): CloudFront over HTTP would get the listener's 301")
                } else {
                    #expect(protocolPolicy == "http-only", "\(region): no HTTPS listener to reach")
                }
            }
        }
    }

    @Test("an HTTPS origin is the ALB's name on its certificate, origin-<region>.<domain>; an HTTP one its DNS name")
    func originNames() throws {
        let https = try Self.origins(try Self.stack(certificates: true, domain: true))
        #expect(https.compactMap { $0.string("DomainName") }
            == ["origin-apne1.tickets.example.com", "origin-apne2.tickets.example.com"])
        #expect(https.allSatisfy { $0.string("CustomOriginConfig", "HTTPSPort") == "443" })
        let plain = try Self.origins(try Self.stack(certificates: false, domain: false))
        #expect(plain.compactMap { $0.string("DomainName") }
            == ["ap-northeast-1-alb.elb.amazonaws.com", "ap-northeast-2-alb.elb.amazonaws.com"])
    }
}
