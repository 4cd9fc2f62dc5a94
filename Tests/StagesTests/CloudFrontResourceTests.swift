import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Stage 07's resources against the local AWS, driven through the resource contract with the
/// ALB outputs stage 05 publishes (its DNS names), checked by independent reads.
@Suite("Stage 07 CloudFront against the local AWS", .serialized)
struct CloudFrontResourceTests {
    func stage(_ test: TestStack, ttl: Int = 10) throws -> CloudFrontStage {
        let deployment = try test.deployment()
        var stack = deployment.stack
        stack.cloudFront.enabled = true
        stack.cloudFront.summaryTTLSeconds = ttl
        return try #require(CloudFrontStage(stack: stack, targets: try test.targets(deployment)))
    }

    func albs(_ driver: inout ResourceDriver, seoul: String) {
        driver.outputs[ResourceAddress(region: "ap-northeast-1", stage: .services, kind: "load_balancer", name: "main")] =
            .known(ResourceOutputs(["dnsName": "tokyo-alb-1.ap-northeast-1.elb.amazonaws.com"]))
        driver.outputs[ResourceAddress(region: "ap-northeast-2", stage: .services, kind: "load_balancer", name: "main")] =
            .known(ResourceOutputs(["dnsName": seoul]))
    }

    @Test("policies and the distribution are created and Deployed; a second pass changes nothing; a TTL and an origin change update with the ETag; teardown disables, waits and deletes")
    func lifecycle() async throws {
        let test = try TestStack("cdn")
        defer { test.removeFiles() }
        var driver = ResourceDriver(stack: test.name)
        albs(&driver, seoul: "seoul-alb-1.ap-northeast-2.elb.amazonaws.com")
        let first = try stage(test)
        // The distribution sends stage 03's origin secret.
        try await driver.converge(try #require(first.originSecret?.resource(stackName: test.name)))
        for resource in first.resources() { try await driver.converge(resource) }

        let reads = IndependentReads(client: try test.client("ap-northeast-1"), stack: test.name)
        let distributions = try await reads.distributions()
        #expect(distributions.count == 1)
        let (status, config) = try #require(distributions.values.first)
        #expect(status == "Deployed", "up waits until the distribution is Deployed")
        let members = config.child("OriginGroups")?.child("Items")?.child("OriginGroup")?.child("Members")?.child("Items")?
            .children("OriginGroupMember").compactMap { $0.string("OriginId") }
        #expect(members == ["alb-ap-northeast-1", "alb-ap-northeast-2"])
        let origins = config.child("Origins")?.child("Items")?.children("Origin").compactMap { $0.string("DomainName") }
        #expect(origins == ["tokyo-alb-1.ap-northeast-1.elb.amazonaws.com", "seoul-alb-1.ap-northeast-2.elb.amazonaws.com"])
        let cachePolicies = try await reads.cloudFrontPolicies(.cache)
        #expect(cachePolicies["\(test.name)-summary-cache"]?.string("DefaultTTL") == "10")
        let summaryBehavior = config.child("CacheBehaviors")?.child("Items")?.children("CacheBehavior")
            .first { $0.string("PathPattern") == "/public/summary/*" }
        let summaryPolicyId = try #require(try await CloudFront(client: try test.client("ap-northeast-1"))
            .listPolicies(.cache).first { $0.name == "\(test.name)-summary-cache" }?.id)
        #expect(summaryBehavior?.string("CachePolicyId") == summaryPolicyId)
        let targets = Dictionary(uniqueKeysWithValues: (config.child("CacheBehaviors")?.child("Items")?
            .children("CacheBehavior") ?? []).map { ($0.string("PathPattern") ?? "", $0.string("TargetOriginId") ?? "") })
        #expect(targets == ["/public/summary/*": "albs-failover", "/public/seats/*": "albs-failover",
                            "/public/*": "alb-ap-northeast-1", "/confirm/*": "alb-ap-northeast-1"],
                "reads through the origin group, writes to the home region's ALB")
        let forwarding = try #require(try await reads.cloudFrontPolicies(.originRequest)["\(test.name)-api-forwarding"])
        let headers = forwarding.child("HeadersConfig")?.child("Headers")?.child("Items")?.children("Name").map(\.text) ?? []
        #expect(headers.contains("x-room-token") && headers.contains("Idempotency-Key"))

        let before = try await test.mutations().count
        for resource in first.resources() {
            let (_, changes) = try await driver.changes(resource)
            #expect(changes.isEmpty, "\(resource.address): \(changes)")
            try await driver.converge(resource)
        }
        #expect(try await test.mutations().count == before, "a converged stage 07 makes no mutating call")

        albs(&driver, seoul: "seoul-alb-2.ap-northeast-2.elb.amazonaws.com")
        let second = try stage(test, ttl: 20)
        for resource in second.resources() { try await driver.converge(resource) }
        #expect(try await reads.cloudFrontPolicies(.cache)["\(test.name)-summary-cache"]?.string("DefaultTTL") == "20")
        let updated = try #require(try await reads.distributions().values.first)
        #expect(updated.status == "Deployed")
        #expect(updated.config.child("Origins")?.child("Items")?.children("Origin").last?.string("DomainName")
            == "seoul-alb-2.ap-northeast-2.elb.amazonaws.com")
        for resource in second.resources() {
            #expect(try await driver.changes(resource).changes.isEmpty, "\(resource.address) after the update")
        }

        for resource in second.resources().reversed() { try await driver.destroy(resource) }
        #expect(try await reads.distributions().isEmpty)
        #expect(try await reads.cloudFrontPolicies(.cache).isEmpty)
        #expect(try await reads.cloudFrontPolicies(.originRequest).isEmpty)
        for sweep in second.sweeps() {
            #expect(try await sweep.listTagged(stack: test.name).isEmpty, "\(sweep.kind) left")
        }
    }
}
