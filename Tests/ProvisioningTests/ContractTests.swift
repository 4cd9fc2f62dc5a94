import Foundation
import Provisioning
import Testing

@Suite struct ContractTests {
    let vpc = ResourceAddress(region: "ap-northeast-1", stage: .network, kind: "vpc", name: "main")

    @Test func fieldValuesRenderCanonically() {
        #expect("a\"b".fieldValue == .known("\"a\\\"b\""))
        #expect(30.fieldValue == .known("30"))
        #expect(true.fieldValue == .known("true"))
        #expect(Set(["b", "a"]).fieldValue == .known("[\"a\", \"b\"]"))
        #expect(["z": 1, "a": 2].fieldValue == .known("{\"a\" = 2, \"z\" = 1}"))
        #expect(PlannedValue<String>.knownAfterApply.fieldValue == .knownAfterApply)
        #expect(Optional<String>.none.fieldValue == .known("null"))
    }

    @Test func diffDerivesTheAction() {
        var fresh = ResourceDiff(liveExists: false)
        fresh.compare("cidr", desired: "10.0.0.0/16", live: String?.none, onChange: .replace)
        #expect(fresh.action == .create && fresh.replaceReasons.isEmpty)

        var same = ResourceDiff(liveExists: true)
        same.compare("cidr", desired: "10.0.0.0/16", live: "10.0.0.0/16", onChange: .replace)
        #expect(same.action == .noop && same.changes.isEmpty)

        var update = ResourceDiff(liveExists: true)
        update.compare("cidr", desired: "10.0.0.0/16", live: "10.0.0.0/16", onChange: .replace)
        update.compare("dns", desired: true, live: false)
        #expect(update.action == .update && update.changes.map(\.field) == ["dns"])

        var unknown = ResourceDiff(liveExists: true)
        unknown.compare("vpc_id", desired: PlannedValue<String>.knownAfterApply, live: "vpc-1", onChange: .replace)
        #expect(unknown.action == .replace && unknown.replaceReasons == ["vpc_id forces replacement"])

        var failed = ResourceDiff(liveExists: true)
        failed.replace(because: "status is failed")
        #expect(failed.action == .replace && failed.replaceReasons == ["status is failed"])
    }

    /// What a VPC publishes, as a resource declares it.
    struct VPCOutputs: PublishedOutputs {
        let vpcId: String
        let cidr: String
    }

    @Test func contextResolvesOnlyDeclaredDependencyOutputs() throws {
        let subnet = vpc.sibling(kind: "subnet", name: "a")
        let vpc = Dependency<VPCOutputs>(self.vpc)
        let context = ResourceContext(
            stack: "max-tps", address: subnet, phase: .apply,
            dependencyOutputs: [vpc.address: .known(ResourceOutputs(["vpcId": "vpc-1"]))])
        #expect(try context.requireOutput(\.vpcId, of: vpc) == "vpc-1")
        #expect(throws: DependencyOutputError.self) { try context.output(\.cidr, of: vpc) }
        #expect(throws: DependencyOutputError.self) {
            try context.output(\.vpcId, of: Dependency<VPCOutputs>(vpc.address.sibling(kind: "igw", name: "main")))
        }
        let planning = ResourceContext(stack: "max-tps", address: subnet, phase: .plan, dependencyOutputs: [vpc.address: .knownAfterApply])
        #expect(try planning.output(\.vpcId, of: vpc) == .knownAfterApply)
        #expect(throws: DependencyOutputError.self) { try planning.requireOutput(\.vpcId, of: vpc) }
        #expect(context.tags == ["tps:stack": "max-tps", "tps:stage": "00-network", "tps:resource": "subnet.a"])
        #expect(context.physicalName("private-a") == "max-tps-apne1-private-a")
    }

    @Test func tagsRoundTripToAddressesAndTokensAreStable() {
        let tags = ResourceTags(stack: "max-tps", address: vpc).all(adding: ["team": "tickets", "tps:stack": "spoofed"])
        #expect(tags["tps:stack"] == "max-tps" && tags["team"] == "tickets")
        #expect(ResourceTags.address(fromTags: tags, region: "ap-northeast-1") == vpc)
        #expect(ResourceTags.address(fromTags: ["tps:stage": "00-network"], region: "ap-northeast-1") == nil)
        let token = IdempotencyToken.derive(stack: "max-tps", address: vpc)
        #expect(token.count == 32 && token == IdempotencyToken.derive(stack: "max-tps", address: vpc))
        #expect(token != IdempotencyToken.derive(stack: "max-tps", address: vpc, salt: "10.1.0.0/16"))
        #expect(token != IdempotencyToken.derive(stack: "other", address: vpc))
    }

    @Test func secretNamesAreRecognised() {
        #expect(SecretNames.looksSecret("masterPassword"))
        #expect(SecretNames.looksSecret("REDIS_AUTH_TOKEN"))
        #expect(!SecretNames.looksSecret("authTokenSecretArn"))
        #expect(!SecretNames.looksSecret("vpcId"))
        #expect(SecretNames.isHarmless("arn:aws:secretsmanager:x") && SecretNames.isHarmless("true") && !SecretNames.isHarmless("hunter2"))
    }
}
