import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Stage 08's fingerprint and failure report, without a server.
@Suite("Stage 08 runs only for a changed migration set or a new database")
struct DatabaseInitRenderTests {
    func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    @Test("same files and seed → same fingerprint; a changed migration, a new one or other seed sizes → another")
    func fingerprint() throws {
        let base = ["0001_schema.sql": "CREATE TABLE a (id int);", "seed.sql.template": "-- {{eventCount}}"]
        let first = try directory(base)
        let again = try directory(base)
        defer { for url in [first, again] { try? FileManager.default.removeItem(at: url) } }
        let seed = DatabaseInitConfig()
        let reference = try MigrationFingerprint.compute(directory: first, seed: seed)
        #expect(try MigrationFingerprint.compute(directory: again, seed: seed) == reference)
        #expect(reference.value.count == 32)
        #expect(reference.migrationCount == 1)

        var edited = base
        edited["0001_schema.sql"] = "CREATE TABLE a (id bigint);"
        let editedURL = try directory(edited)
        var added = base
        added["0002_more.sql"] = "CREATE INDEX ON a (id);"
        let addedURL = try directory(added)
        defer { for url in [editedURL, addedURL] { try? FileManager.default.removeItem(at: url) } }
        #expect(try MigrationFingerprint.compute(directory: editedURL, seed: seed) != reference)
        #expect(try MigrationFingerprint.compute(directory: addedURL, seed: seed).migrationCount == 2)
        var bigger = seed
        bigger.events += 1
        #expect(try MigrationFingerprint.compute(directory: first, seed: bigger) != reference)
    }

    @Test("a new database (stage 03 recreated the cluster: new secret, or a new endpoint) → plan shows an update; the same database → no change")
    func newDatabase() throws {
        let url = try directory(["0001_schema.sql": "CREATE TABLE a (id int);"])
        defer { try? FileManager.default.removeItem(at: url) }
        let set = try MigrationFingerprint.compute(directory: url, seed: DatabaseInitConfig())
        let region = RegionName("ap-northeast-1")
        let database = Dependency<AuroraClusterResource.Outputs>(
            ResourceAddress(region: region, stage: .dataplane, kind: "rds_cluster", name: "main"))
        let resource = DatabaseMigrationResource(
            address: ResourceAddress(region: region, stage: .dbInit, kind: "db_migration", name: "main"),
            client: UnitFixtures.client(), scope: .schemaAndSeed, fingerprint: .success(set), database: database,
            cluster: Dependency(ResourceAddress(region: region, stage: .cluster, kind: "ecs_cluster", name: "main")),
            taskDefinition: Dependency(ResourceAddress(region: region, stage: .taskdefs, kind: "task_definition", name: "confirm-worker")),
            privateSubnets: [], securityGroup: Dependency(ResourceAddress(region: region, stage: .network, kind: "security_group", name: "worker")),
            settings: DatabaseInitConfig())
        func context(_ outputs: PlannedOutputs) -> ResourceContext {
            ResourceContext(stack: "t", address: resource.address, phase: .plan, dependencyOutputs: [database.address: outputs])
        }
        func action(recorded: String, database outputs: PlannedOutputs) throws -> PlannedAction.Kind {
            var diff = ResourceDiff(liveExists: true)
            try resource.diff(.init(clusterArn: "arn:aws:ecs:ap-northeast-1:123456789012:cluster/t-apne1-cluster",
                                    fingerprint: recorded), into: &diff, context: context(outputs))
            return diff.action
        }
        func cluster(endpoint: String, secret: String) -> PlannedOutputs {
            .known(ResourceOutputs(["clusterId": "t-apne1-aurora", "writerEndpoint": endpoint, "port": "5432",
                                    "masterUserSecretArn": secret]))
        }
        let endpoint = "t-apne1-aurora.cluster-c1a2b3.ap-northeast-1.rds.amazonaws.com"
        let first = cluster(endpoint: endpoint, secret: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds!cluster-1111-AbCdEf")
        let recorded = try #require(try resource.desiredFingerprint(context(first)).value)
        #expect(recorded.count == 32)
        #expect(recorded != set.value, "the recorded value names the database, not only the files")

        #expect(try action(recorded: recorded, database: first) == .noop, "the same database: nothing to run")
        let recreated = cluster(endpoint: endpoint, secret: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds!cluster-2222-GhIjKl")
        #expect(try action(recorded: recorded, database: recreated) == .update, "same endpoint, new cluster: migrate it")
        let moved = cluster(endpoint: "t-apne1-aurora.cluster-d4e5f6.ap-northeast-1.rds.amazonaws.com",
                            secret: "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds!cluster-1111-AbCdEf")
        #expect(try action(recorded: recorded, database: moved) == .update, "another endpoint: migrate it")
        #expect(try action(recorded: recorded, database: .knownAfterApply) == .update,
                "stage 03 replaces the cluster in the same run: the new one is migrated")
    }

    @Test("the project's own templates/db has a fingerprint")
    func projectMigrations() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates/db")
        #expect(try MigrationFingerprint.compute(directory: url, seed: DatabaseInitConfig()).migrationCount >= 1)
    }

    @Test("a failed task is reported with its ARN, exit code, reason and last log lines")
    func failure() {
        let outcome = MigrationTaskOutcome(
            taskArn: "arn:aws:ecs:ap-northeast-1:123456789012:task/c/abc", stopCode: "EssentialContainerExited",
            stoppedReason: "Essential container in task exited", exitCode: 3, containerReason: nil,
            logLines: ["applying 0001_schema", "ERROR: relation exists", "exit 3"])
        #expect(!outcome.succeeded)
        let text = outcome.failureDescription(family: "t-apne1-confirm-worker")
        #expect(text.contains("task/c/abc"))
        #expect(text.contains("exit code 3"))
        #expect(text.contains("t-apne1-confirm-worker"))
        #expect(text.contains("ERROR: relation exists"))
        #expect(!text.contains("\n"))
    }

    @Test("the task runs the stack's migrate command privately, with the seed's sizes")
    func request() {
        let request = MigrationTaskRequest(
            cluster: "c", taskDefinitionArn: "arn:td", containerName: "confirm-worker",
            command: MigrationTaskRequest.command(DatabaseInitConfig()),
            subnets: ["subnet-1", "subnet-2"], securityGroup: "sg-w",
            startedBy: "tps-db-init-0123456789abcdef", clientToken: "token", tags: ["tps:stack": "t"])
        let input = request.input
        #expect(input["networkConfiguration"]?["awsvpcConfiguration"]?["assignPublicIp"]?.string == "DISABLED")
        #expect(input["networkConfiguration"]?["awsvpcConfiguration"]?["securityGroups"]?[0]?.string == "sg-w")
        let override = input["overrides"]?["containerOverrides"]?[0]
        let command = override?["command"]?.array?.compactMap(\.string) ?? []
        #expect(Array(command.prefix(2)) == ["confirm-worker", "migrate"])
        // All six seed flags, each followed by its value, as the worker's `migrate` requires.
        for flag in ["--seed-events", "--seed-sections", "--seed-seats", "--seed-base-price", "--seed-price-step",
                     "--seed-currency"] {
            let index = command.firstIndex(of: flag)
            #expect(index.map { $0 + 1 < command.count && !command[$0 + 1].hasPrefix("--") } == true, "\(flag)")
        }
        #expect((input["startedBy"]?.string?.count ?? 99) <= 36)
    }
}

@Suite("Stage 08 shows no password from the task's log")
struct LogLineRedactionTests {
    @Test("a URL's password is masked; everything else is kept")
    func masks() {
        #expect(LogLineRedaction.redact("connecting to postgres://tps:s3cr3t@db.internal:5432/tps?sslmode=require")
            == "connecting to postgres://tps:***@db.internal:5432/tps?sslmode=require")
        #expect(LogLineRedaction.redact("GET https://example.com/a:b@c") == "GET https://example.com/a:b@c")
        #expect(LogLineRedaction.redact("applied 0001_schema") == "applied 0001_schema")
        #expect(LogLineRedaction.redact("a://u:p@h b://v:q@i") == "a://u:***@h b://v:***@i")
    }
}
