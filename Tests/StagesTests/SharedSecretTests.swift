import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Stage 03's shared secrets (room-token key, payment webhook secret) against the local AWS:
/// generated once in the stack's first region and copied to the others, so one room token and
/// one provider signature are valid in every region; a value changed behind tpsctl's back is
/// put back; a later region without its source is refused in one line. Never a value in a diff.
@Suite("Stage 03 shares the services' keys between regions", .serialized)
struct SharedSecretTests {
    func resources(_ test: TestStack, firstRegionTargeted: Bool = true) throws -> [StackSecretResource] {
        let deployment = try test.deployment()
        return try test.targets(deployment).map { target in
            let network = try NetworkStage(stack: deployment.stack, target: target, zones: [])
            var stage = DataPlaneStage(stack: deployment.stack, target: target, network: network)
            stage.firstRegionTargeted = firstRegionTargeted
            return stage.serviceSecrets().compactMap { $0 as? StackSecretResource }
                .first { $0.address.name == DataPlaneStage.roomTokenSecretName }!
        }
    }

    @Test("the second region copies the first's value, repairs a drifted one, and never shows it")
    func copiedAndRepaired() async throws {
        let test = try TestStack("share", images: false)
        defer { test.removeFiles() }
        var driver = ResourceDriver(stack: test.name)
        let secrets = try resources(test)
        #expect(secrets.map(\.address.region.rawValue) == ["ap-northeast-1", "ap-northeast-2"])
        #expect(secrets[1].dependencies == [secrets[0].address], "created after the first region's")
        let first = try await driver.converge(secrets[0])
        let second = try await driver.converge(secrets[1])

        let tokyo = IndependentReads(client: try test.client("ap-northeast-1"), stack: test.name)
        let seoul = IndependentReads(client: try test.client("ap-northeast-2"), stack: test.name)
        let firstARN = try #require(first["secret"]?.text)
        let secondARN = try #require(second["secret"]?.text)
        #expect(firstARN.contains(":ap-northeast-1:") && secondARN.contains(":ap-northeast-2:"), "one secret per region")
        let value = try await tokyo.secretValue(firstARN)
        #expect(value.count == 64)
        #expect(try await seoul.secretValue(secondARN) == value, "one key in every region")
        #expect(try await driver.changes(secrets[1]).changes.isEmpty, "a converged copy has nothing to do")

        // Changed behind tpsctl's back: the diff names the fact, and up puts the first value back.
        _ = try await test.client("ap-northeast-2").json(.secretsManager, "PutSecretValue", [
            "SecretId": .string(secondARN), "SecretString": .string(String(repeating: "z", count: 64)),
        ])
        let drift = try await driver.changes(secrets[1]).changes
        #expect(drift.map(\.field) == ["value"])
        #expect(!"\(drift)".contains(value) && !"\(drift)".contains("zzzz"), "no value in a diff: \(drift)")
        try await driver.converge(secrets[1])
        #expect(try await seoul.secretValue(secondARN) == value)

        for secret in secrets.reversed() { try await driver.destroy(secret) }
    }

    @Test("a later region whose source does not exist is refused in one line naming the command")
    func missingSource() async throws {
        let test = try TestStack("sharemiss", images: false)
        defer { test.removeFiles() }
        let secrets = try resources(test, firstRegionTargeted: false)
        #expect(secrets[1].dependencies.isEmpty, "the first region is not in this command")
        var driver = ResourceDriver(stack: test.name)
        do {
            try await driver.converge(secrets[1])
            Issue.record("created a copy of a secret that does not exist")
        } catch {
            #expect("\(error)" == "secret \(test.name)-apne1-room-token-key does not exist in ap-northeast-1, the stack's "
                    + "first region, whose value every region shares: run tpsctl up --stage 03 --region ap-northeast-1 first")
        }
        #expect(try await IndependentReads(client: try test.client("ap-northeast-2"), stack: test.name).taggedSecrets().isEmpty)
    }
}
