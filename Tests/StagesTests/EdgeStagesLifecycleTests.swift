import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Stages 06-08 on top of 00-05, the whole graph against the local AWS in both regions, with
/// CloudFront enabled: each stage checked by independent reads, a converged re-run mutates
/// nothing (with or without the state directory), `down` leaves nothing tagged.
@Suite("Stages 06-08 in the whole stack against the local AWS", .serialized)
struct EdgeStagesLifecycleTests {
    static let regions = ["ap-northeast-1", "ap-northeast-2"]

    static func short(_ region: String) -> String { region == "ap-northeast-1" ? "apne1" : "apne2" }

    @Test("up of every stage in both regions; plan shows no change; a second up, with or without state, mutates nothing; down leaves nothing")
    func lifecycle() async throws {
        let test = try TestStack("edge")
        defer { test.removeFiles() }
        // The second region sells: the distribution follows it (owner, primary, writes).
        try test.writeStack(services: """
            app:
              homeRegion: ap-northeast-2
            cloudFront:
              enabled: true
              summaryTTLSeconds: 10

            """)

        let report = try await test.up()
        #expect(report.succeeded, "up failed: \(report.failures)")

        var albNames: [String: String] = [:]
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            let cluster = "\(test.name)-\(Self.short(region))-cluster"
            let targets = try await reads.scalableTargets(cluster: cluster)
            #expect(targets.count == 3, "\(region): \(targets.keys.sorted())")
            #expect(targets.values.allSatisfy { $0.min == 2 && $0.max == 20 })
            let alarms = try await reads.alarms()
            #expect(alarms.count == 4, "\(region): \(alarms.keys.sorted())")
            let deadLetters = try #require(alarms["\(test.name)-\(Self.short(region))-commit-dlq-depth"])
            #expect(deadLetters["Dimensions"]?[0]?["Value"]?.string == "\(test.name)-\(Self.short(region))-commit-dlq.fifo",
                    "\(region): the alarm watches this region's commit DLQ")
            #expect(deadLetters["MetricName"]?.string == "ApproximateNumberOfMessagesVisible")
            let latency = try #require(alarms["\(test.name)-\(Self.short(region))-public-api-latency-p95"])
            let dimensions = (latency["Dimensions"]?.array ?? []).compactMap { $0["Value"]?.string }
            #expect(dimensions.contains { $0.hasPrefix("app/") } && dimensions.contains { $0.hasPrefix("targetgroup/") })
            #expect(try await reads.migrationTasks(cluster: cluster).count == 1)
            albNames[region] = try #require(try await reads.loadBalancerDNSNames().first)
        }
        let global = IndependentReads(client: try test.client("ap-northeast-2"), stack: test.name)
        let distributions = try await global.distributions()
        #expect(distributions.count == 1)
        let config = try #require(distributions.values.first?.config)
        let origins = config.child("Origins")?.child("Items")?.children("Origin").compactMap { $0.string("DomainName") }
        #expect(origins == [albNames["ap-northeast-2"], albNames["ap-northeast-1"]].compactMap { $0 },
                "both regions' ALBs, the primary (the home region) first")
        let behaviours = config.child("CacheBehaviors")?.child("Items")?.children("CacheBehavior") ?? []
        let targets = Dictionary(uniqueKeysWithValues: behaviours.map {
            ($0.string("PathPattern") ?? "", $0.string("TargetOriginId") ?? "")
        })
        #expect(targets["/public/*"] == "alb-ap-northeast-2" && targets["/confirm/*"] == "alb-ap-northeast-2",
                "writes go to the home region's ALB: \(targets)")
        #expect(config.string("DefaultCacheBehavior", "TargetOriginId") == "alb-ap-northeast-2")
        #expect(targets["/public/summary/*"] == "albs-failover" && targets["/public/seats/*"] == "albs-failover",
                "reads fail over: \(targets)")
        let recorded = try test.deployment().store
        #expect(FileManager.default.fileExists(
            atPath: test.stateDirectory.appendingPathComponent("ap-northeast-2/07-cloudfront.json").path),
                "the primary region records the distribution (\(recorded.root.path))")
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            let family = "\(test.name)-\(Self.short(region))-public-api"
            let definition = try await reads.taskDefinition(try #require(try await reads.activeRevisions(family).first))
            let environment = (definition["containerDefinitions"]?[0]?["environment"]?.array ?? [])
                .first { $0["name"]?.string == "SALES_REGION" }?["value"]?.string
            #expect(environment == "ap-northeast-2", "\(region): every region's tasks name the one home region")
        }
        // A local stack: `url` is where the local data plane serves the distribution.
        let distribution = ResourceAddress(region: RegionName("ap-northeast-2"), stage: .cloudfront,
                                           kind: "cloudfront_distribution", name: "main")
        let outputs = try #require(try await recorded.record(for: distribution)?.outputs)
        let id = try #require(outputs["distributionId"]?.text)
        #expect(outputs["url"]?.text == LocalDistributionAddress(distributionId: id).url)

        let plan = try await test.plan()
        #expect(!plan.hasChanges, "plan after up: \(plan.render())")
        let before = try await test.mutations().count
        let second = try await test.up()
        #expect(second.succeeded)
        #expect(second.mutated.isEmpty, "\(second.mutated)")
        #expect(try await test.mutations().count == before, "a converged up must make no mutating call")

        // Without infra/out, the distribution is found by its tags, the policies by name, the
        // migration record on the cluster: nothing is created or run twice.
        try FileManager.default.removeItem(at: test.stateDirectory)
        let adopted = try await test.up()
        #expect(adopted.succeeded, "\(adopted.failures)")
        #expect(adopted.mutated.isEmpty, "\(adopted.mutated)")
        #expect(try await test.mutations().count == before, "adopting makes no mutating call")

        let down = try await test.down()
        #expect(down.succeeded, "down: \(down.failures) left: \(down.leftovers)")
        #expect(down.leftovers.isEmpty)
        #expect(try await global.distributions().isEmpty)
        #expect(try await global.cloudFrontPolicies(.cache).isEmpty)
        #expect(try await global.cloudFrontPolicies(.originRequest).isEmpty)
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            #expect(try await reads.alarms().isEmpty)
            #expect(try await reads.scalableTargets(cluster: "\(test.name)-\(Self.short(region))-cluster").isEmpty)
            #expect(try await reads.vpcs().isEmpty)
            #expect(try await reads.queueURLs().isEmpty)
        }
    }
}
