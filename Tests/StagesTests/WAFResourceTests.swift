import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Issue 16, part 3: the WAF web ACL on the distribution, against the local AWS (WAFv2's
/// CLOUDFRONT scope in us-east-1), driven through the resource contract like stage 07's others.
@Suite("Stage 07 WAF web ACL against the local AWS", .serialized)
struct WAFResourceTests {
    func stage(_ test: TestStack, countMode: Bool) throws -> CloudFrontStage {
        let deployment = try test.deployment()
        var stack = deployment.stack
        stack.cloudFront.enabled = true
        stack.waf = WAFConfig(enabled: true, countMode: countMode, enterLimit: 120, holdLimit: 60, confirmLimit: 600)
        return try #require(CloudFrontStage(stack: stack, targets: try test.targets(deployment)))
    }

    @Test("up creates the ACL (common rule set, a rate rule per path with the stack's limits, blocking) and the distribution names it; count mode is one ACL update; down removes the distribution, then the ACL")
    func lifecycle() async throws {
        let test = try TestStack("waf")
        defer { test.removeFiles() }
        var driver = ResourceDriver(stack: test.name)
        for region in ["ap-northeast-1", "ap-northeast-2"] {
            driver.outputs[ResourceAddress(region: RegionName(region), stage: .services, kind: "load_balancer", name: "main")] =
                .known(ResourceOutputs(["dnsName": "alb-1.\(region).elb.amazonaws.com"]))
        }
        let blocking = try stage(test, countMode: false)
        // The distribution sends stage 03's origin secret.
        try await driver.converge(try #require(blocking.originSecret?.resource(stackName: test.name)))
        for resource in blocking.resources() { try await driver.converge(resource) }

        let client = try test.client("ap-northeast-1")
        let waf = WAFv2(client: client)
        let summary = try #require(try await waf.listWebACLs().first { $0.name == "\(test.name)-edge" })
        #expect(summary.arn.hasPrefix("arn:aws:wafv2:us-east-1:") && summary.arn.contains(":global/webacl/"))
        let acl = try await waf.getWebACL(name: summary.name, id: summary.id)
        let rules = acl.rules.array ?? []
        #expect(rules.compactMap { $0["Name"]?.string } == ["aws-common-rule-set", "rate-public-enter", "rate-public-hold", "rate-confirm"])
        #expect(rules[0]["Statement"]?["ManagedRuleGroupStatement"]?["Name"]?.string == "AWSManagedRulesCommonRuleSet")
        #expect(rules[0]["OverrideAction"]?["None"] != nil)
        let limits = rules.dropFirst().compactMap { $0["Statement"]?["RateBasedStatement"]?["Limit"]?.int }
        #expect(limits == [120, 60, 600])
        let scopes = rules.dropFirst().compactMap { rule -> String? in
            guard let match = rule["Statement"]?["RateBasedStatement"]?["ScopeDownStatement"]?["ByteMatchStatement"],
                  let encoded = match["SearchString"]?.string, let data = Data(base64Encoded: encoded) else { return nil }
            return "\(match["PositionalConstraint"]?.string ?? "") \(String(decoding: data, as: UTF8.self))"
        }
        #expect(scopes == ["EXACTLY /public/enter", "EXACTLY /public/hold", "STARTS_WITH /confirm/"])
        #expect(rules.dropFirst().allSatisfy { $0["Action"]?["Block"] != nil && $0["Statement"]?["RateBasedStatement"]?["AggregateKeyType"]?.string == "IP" })

        let reads = IndependentReads(client: client, stack: test.name)
        let (_, config) = try #require(try await reads.distributions().values.first)
        #expect(config.string("WebACLId") == summary.arn, "the distribution names the ACL")
        for resource in blocking.resources() {
            #expect(try await driver.changes(resource).changes.isEmpty, "\(resource.address) converged")
        }

        let counting = try stage(test, countMode: true)
        let changed = try await counting.resources().asyncFilter { try await !driver.changes($0).changes.isEmpty }
        #expect(changed.map(\.address.key) == ["web_acl.main"], "count mode changes the ACL only")
        for resource in counting.resources() { try await driver.converge(resource) }
        let counted = try await waf.getWebACL(name: summary.name, id: summary.id).rules.array ?? []
        #expect(counted[0]["OverrideAction"]?["Count"] != nil)
        #expect(counted.dropFirst().allSatisfy { $0["Action"]?["Count"] != nil })

        for resource in counting.resources().reversed() { try await driver.destroy(resource) }
        #expect(try await waf.listWebACLs().contains { $0.name == summary.name } == false)
        #expect(try await reads.distributions().isEmpty)
    }
}

extension Array {
    func asyncFilter(_ keep: (Element) async throws -> Bool) async rethrows -> [Element] {
        var kept: [Element] = []
        for element in self where try await keep(element) { kept.append(element) }
        return kept
    }
}
