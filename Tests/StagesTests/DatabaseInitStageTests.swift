import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Stage 08 against the local AWS emulator, both regions: the migration runs as a one-off ECS
/// task of the worker's task definition (stage 04, on the images stage 01 pushed).
@Suite("Stage 08 DB init against the local AWS", .serialized)
struct DatabaseInitStageTests {
    static let regions = ["ap-northeast-1", "ap-northeast-2"]

    static func short(_ region: String) -> String { region == "ap-northeast-1" ? "apne1" : "apne2" }

    /// What stage 08 records in a region: the project's migration set as applied to the
    /// region's Aurora cluster (its endpoint and RDS-managed secret, read independently).
    static func fingerprint(_ reads: IndependentReads) async throws -> String {
        let set = try MigrationFingerprint.compute(
            directory: URL(fileURLWithPath: TestStack.templatesDirectory).appendingPathComponent("db"),
            seed: DatabaseInitConfig())
        let cluster = try #require(try await reads.dbClusters().first)
        let endpoint = try #require(cluster.string("Endpoint"))
        let secret = try #require(cluster.string("MasterUserSecret", "SecretArn"))
        return set.applied(toDatabase: "\(endpoint) \(secret)").value
    }

    @Test("up runs the migration task once per region in the private subnets, shows its log and records the set; a re-run mutates nothing; down forgets the record")
    func lifecycle() async throws {
        let test = try TestStack("dbin")
        defer { test.removeFiles() }
        let base = try await test.up(to: "04")
        #expect(base.succeeded, "up to 04: \(base.failures)")

        let recorder = EventRecorder()
        let report = try await test.up(stage: "08", events: recorder.sink)
        #expect(report.succeeded, "up 08: \(report.failures)")
        #expect(Set(report.mutated.map(\.key)) == ["db_migration.main"])
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            let cluster = "\(test.name)-\(Self.short(region))-cluster"
            let tasks = try await reads.migrationTasks(cluster: cluster)
            #expect(tasks.count == 1, "\(region): one migration task: \(tasks)")
            let taskArn = try #require(tasks.first)
            let task = try #require(try await reads.task(cluster: cluster, arn: taskArn))
            #expect(task["lastStatus"]?.string == "STOPPED")
            #expect(task["containers"]?[0]?["exitCode"]?.int == 0)
            #expect(task["taskDefinitionArn"]?.string?.contains(":task-definition/\(test.name)-\(Self.short(region))-confirm-worker:") == true)
            let override = task["overrides"]?["containerOverrides"]?[0]
            let command = override?["command"]?.array?.compactMap(\.string) ?? []
            #expect(Array(command.prefix(2)) == ["confirm-worker", "migrate"])
            #expect(command.contains("--seed-events"), "the seed's sizes reach migrate as flags")
            let subnets = try await reads.privateSubnetIds()
            let attachment = (task["attachments"]?[0]?["details"]?.array ?? []).first { $0["name"]?.string == "subnetId" }
            if let subnet = attachment?["value"]?.string { #expect(subnets.contains(subnet), "the task runs in a private subnet") }
            #expect(try await reads.clusterTags(cluster)[MigrationScope.schemaAndSeed.fingerprintTag] == Self.fingerprint(reads))
        }
        #expect(recorder.notes.contains { $0.hasPrefix("log: ") }, "the task's log lines are shown: \(recorder.notes)")
        #expect(recorder.notes.contains { $0.contains("exited 0") })

        let plan = try await test.plan(stage: "08")
        #expect(!plan.hasChanges, "plan after up: \(plan.render())")
        let before = try await test.mutations().count
        let again = try await test.up(stage: "08")
        #expect(again.succeeded)
        #expect(again.mutated.isEmpty)
        #expect(try await test.mutations().count == before, "a converged stage 08 must make no mutating call")
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            #expect(try await reads.migrationTasks(cluster: "\(test.name)-\(Self.short(region))-cluster").count == 1)
        }

        let down = try await test.down(stage: "08")
        #expect(down.succeeded, "down 08: \(down.failures)")
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            #expect(try await reads.clusterTags("\(test.name)-\(Self.short(region))-cluster")[MigrationScope.schemaAndSeed.fingerprintTag] == nil)
        }
        let rest = try await test.down(to: "04")
        #expect(rest.succeeded, "down to 04: \(rest.failures) left: \(rest.leftovers)")
    }

    @Test("a migration task exiting non-zero fails up with the task, its exit code and its log; nothing is recorded; the next up runs it again")
    func failingTask() async throws {
        let test = try TestStack("dbfail")
        defer { test.removeFiles() }
        #expect(try await test.up(to: "04").succeeded)
        let family = "\(test.name)-apne1-confirm-worker"
        try await test.aws.armTaskExit(family: family, exitCode: 3,
                                       logLines: ["applying 0001_schema", "ERROR: relation \"seats\" already exists"])

        let failed = try await test.up(stage: "08")
        #expect(!failed.succeeded)
        let failure = try #require(failed.failures.first { $0.address.region == "ap-northeast-1" })
        #expect(failure.address.key == "db_migration.main")
        #expect(failure.message.contains("exit code 3"), "\(failure.message)")
        #expect(failure.message.contains("task/"), "names the task: \(failure.message)")
        #expect(failure.message.contains(family))
        #expect(failure.message.contains("relation \"seats\" already exists"))
        let tokyo = IndependentReads(client: try test.client("ap-northeast-1"), stack: test.name)
        #expect(try await tokyo.clusterTags("\(test.name)-apne1-cluster")[MigrationScope.schemaAndSeed.fingerprintTag] == nil)

        let retried = try await test.up(stage: "08")
        #expect(retried.succeeded, "the retry: \(retried.failures)")
        #expect(retried.mutated.map(\.description) == ["ap-northeast-1/08-db-init/db_migration.main"])
        #expect(try await tokyo.migrationTasks(cluster: "\(test.name)-apne1-cluster").count == 2)

        #expect(try await test.down(stage: "08").succeeded)
        #expect(try await test.down(to: "04").succeeded)
    }
}
