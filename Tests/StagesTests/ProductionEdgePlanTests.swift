import Foundation
import Provisioning
import Stack
import Stages
import Testing
@testable import StagesTestSupport

/// Issue 16's plan check on the production stack: `stacks/max-tps.yaml` as it is in the
/// repository (plus a `local` section pointing at the local AWS), planned from nothing.
@Suite("The production stack's plan: ALBs only through CloudFront, over HTTPS")
struct ProductionEdgePlanTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func rendered(_ change: FieldChange?) -> String {
        if case let .known(text)? = change?.after { return text }
        return "\(String(describing: change?.after))"
    }

    @Test("no ALB security group admits 0.0.0.0/0 (CloudFront's origin-facing prefix list on 443 only); every origin is https-only at origin-<region>.<domain>")
    func productionPlan() async throws {
        let test = try TestStack("prod", images: false)
        defer { test.removeFiles() }
        let production = try String(contentsOf: Self.repository.appendingPathComponent("stacks/max-tps.yaml"), encoding: .utf8)
        try (production + "\nlocal:\n  endpointURL: \(test.aws.endpoint)\n").write(to: test.stackFile, atomically: true, encoding: .utf8)
        let stack = try StackLoader.load(path: test.stackFile.path)
        let domain = try #require(stack.domain, "max-tps.yaml has a domain")

        let plan = try await test.plan(to: "07")
        for region in ["ap-northeast-1", "ap-northeast-2"] {
            let group = try #require(plan.action(for: ResourceAddress(region: RegionName(region), stage: .network,
                                                                      kind: "security_group", name: "alb")))
            let ingress = Self.rendered(group.changes.first { $0.field == "ingress" })
            #expect(!ingress.contains("0.0.0.0/0"), "\(region): \(ingress)")
            #expect(ingress.contains("tcp/443 from com.amazonaws.global.cloudfront.origin-facing"), "\(region): \(ingress)")
            #expect(!ingress.contains("tcp/80"), "\(region): \(ingress)")
            let certificate = try #require(plan.action(for: ResourceAddress(region: RegionName(region), stage: .services,
                                                                            kind: "acm_certificate", name: "alb")))
            #expect(Self.rendered(certificate.changes.first { $0.field == "domainName" })
                == "\"\(domain.originName(for: try #require(AWSRegion(region))))\"")
        }
        let distribution = try #require(plan.action(for: ResourceAddress(region: "ap-northeast-1", stage: .cloudfront,
                                                                         kind: "cloudfront_distribution", name: "main")))
        let origins = Self.rendered(distribution.changes.first { $0.field == "Origins" })
        #expect(origins.components(separatedBy: "<OriginProtocolPolicy>https-only</OriginProtocolPolicy>").count == 3, "\(origins)")
        #expect(!origins.contains("http-only"), "\(origins)")
        #expect(origins.contains("origin-apne1.\(domain.name)") && origins.contains("origin-apne2.\(domain.name)"), "\(origins)")
        let viewer = try #require(plan.action(for: ResourceAddress(region: "ap-northeast-1", stage: .cloudfront,
                                                                   kind: "acm_certificate", name: "distribution")))
        #expect(Self.rendered(viewer.changes.first { $0.field == "domainName" }) == "\"\(domain.name)\"")
    }
}
