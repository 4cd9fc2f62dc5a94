import AWSClient
import Foundation
import Provisioning
import Stack
import Stages
import Testing
@testable import StagesTestSupport

/// Stages 00 and 03 against the local AWS emulator, both regions: each test has its own stack
/// name, state directory and access key id, and tears down what it made.
@Suite("Stages against the local AWS", .serialized)
struct StageLifecycleTests {
    static let regions = ["ap-northeast-1", "ap-northeast-2"]

    @Test("up from empty creates everything in both regions; plan then shows no change; a second up mutates nothing; down leaves nothing")
    func lifecycle() async throws {
        let test = try TestStack("life")
        defer { test.removeFiles() }

        let report = try await test.up()
        #expect(report.succeeded, "up failed: \(report.failures)")

        var sharedValues: [String: Set<String>] = [:]
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            #expect(try await reads.vpcs().count == 1)
            let prefix = region == "ap-northeast-1" ? "10.110." : "10.120."
            let subnets = try await reads.subnets()
            #expect(subnets.count == 4)
            #expect(subnets.allSatisfy { $0.hasPrefix(prefix) })
            let queues = try await reads.queueURLs()
            #expect(queues.count == 2)
            let commit = try #require(queues.first { $0.hasSuffix("-commit.fifo") })
            let attributes = try await reads.queueAttributes(commit)
            #expect(attributes["VisibilityTimeout"] == "30")
            #expect(attributes["FifoQueue"] == "true")
            #expect(attributes["RedrivePolicy"]?.contains("commit-dlq.fifo") == true)
            let tables = try await reads.tables()
            #expect(tables.count == 1)
            #expect(try await reads.ttlStatus(tables[0]) == "ENABLED")
            let repositories = try await reads.repositories()
            #expect(repositories.count == 4, "the three services' and the load bot's: \(repositories.keys.sorted())")
            #expect(repositories.values.allSatisfy { $0 == "IMMUTABLE" })
            let short = region == "ap-northeast-1" ? "apne1" : "apne2"
            #expect(try await reads.clusterStatus("\(test.name)-\(short)-cluster") == "ACTIVE")

            let redis = try #require(try await reads.replicationGroups().first)
            #expect(redis.string("Status") == "available")
            #expect(redis.child("MemberClusters")?.listItems().count == 2, "a primary and one replica")
            #expect(redis.string("MultiAZ") == "enabled")
            #expect(redis.string("AutomaticFailover") == "enabled")
            #expect(redis.string("TransitEncryptionEnabled") == "true")
            #expect(redis.string("AtRestEncryptionEnabled") == "true")
            #expect(redis.string("AuthTokenEnabled") == "true")
            #expect(try await reads.cacheSubnetGroups() == ["\(test.name)-\(short)-redis"])
            // ARNs end in `secret:<name>-<6 random characters>`.
            let secrets = Set(try await reads.taggedSecrets().compactMap { arn in
                arn.range(of: ":secret:").map { String(arn[$0.upperBound...].dropLast(7)) }
            })
            #expect(secrets == Set(["redis-auth", "room-token-key", "payment-webhook-secret"].map { "\(test.name)-\(short)-\($0)" }),
                    "the Redis AUTH token and the services' two keys: \(secrets.sorted())")

            let database = try #require(try await reads.dbClusters().first)
            #expect(database.string("Status") == "available")
            #expect(database.string("Engine") == "aurora-postgresql")
            #expect(database.string("EngineVersion") == "16.4")
            #expect(database.string("StorageEncrypted") == "true")
            #expect(database.string("ServerlessV2ScalingConfiguration", "MinCapacity") == "0.5")
            #expect(database.string("ServerlessV2ScalingConfiguration", "MaxCapacity") == "16.0")
            let masterSecret = try #require(database.string("MasterUserSecret", "SecretArn"))
            let writer = try #require(try await reads.dbInstances().first)
            #expect(writer.string("DBInstanceClass") == "db.serverless")
            #expect(writer.string("DBInstanceStatus") == "available")
            #expect(writer.string("DBClusterIdentifier") == database.string("DBClusterIdentifier"))
            #expect(try await reads.dbSubnetGroups() == ["\(test.name)-\(short)-aurora"])

            // Neither secret's value may appear in anything tpsctl wrote.
            for arn in secrets + [masterSecret] {
                let value = try await reads.secretValue(arn)
                #expect(value.count >= 16)
                for file in test.writtenFiles() {
                    #expect(!(try String(contentsOf: file, encoding: .utf8)).contains(value), "\(file.path) holds a secret value")
                }
            }
            for name in ["room-token-key", "payment-webhook-secret", "redis-auth"] {
                sharedValues[name, default: []].insert(try await reads.secretValue("\(test.name)-\(short)-\(name)"))
            }
            let recorded = try String(contentsOf: test.stateDirectory.appendingPathComponent("\(region)/03-dataplane.json"), encoding: .utf8)
            #expect(recorded.contains(masterSecret))
        }
        #expect(sharedValues["room-token-key"]?.count == 1 && sharedValues["payment-webhook-secret"]?.count == 1,
                "one room-token key and one webhook secret in every region")
        #expect(sharedValues["redis-auth"]?.count == 2, "each region's Redis keeps its own AUTH token")
        let iam = IndependentReads(client: try test.client("ap-northeast-1"), stack: test.name)
        let roles = try await iam.roles()
        #expect(roles.count == 8, "a task execution role and three task roles per region: \(roles)")
        let workerPolicy = try await iam.inlinePolicy(role: "\(test.name)-apne1-task-confirm-worker", name: "task")
        #expect(workerPolicy.contains("sqs:ReceiveMessage"))
        #expect(workerPolicy.contains(":\(test.name)-apne1-commit.fifo"))
        #expect(!workerPolicy.contains("\"*\""))
        let environment = try String(contentsOf: test.stateDirectory.appendingPathComponent(".env.generated"), encoding: .utf8)
        #expect(environment.contains("COMMIT_QUEUE_URL="))
        #expect(environment.contains("SEAT_LOCK_TABLE=\(test.name)-apne2-seat-locks"))
        #expect(environment.contains("REDIS_HOST=master.\(test.name)-apne1-redis.") && environment.contains("REDIS_TLS=true"))
        #expect(environment.contains("DB_HOST=\(test.name)-apne2-aurora.cluster-"))
        #expect(environment.contains("DB_PORT=5432") && environment.contains("DB_NAME=ticketing") && environment.contains("DB_USER=tps_admin"))
        #expect(environment.contains("# REDIS_AUTH_TOKEN from arn:aws:secretsmanager:ap-northeast-1:"))
        #expect(environment.contains("# DB_PASSWORD from arn:aws:secretsmanager:ap-northeast-2:") && environment.contains(":password::"))
        let executionPolicy = try await iam.inlinePolicy(role: "\(test.name)-apne1-task-execution", name: "read-task-secrets")
        #expect(executionPolicy.contains("rds!cluster-*"))
        #expect(executionPolicy.contains("arn:aws:rds:ap-northeast-1:123456789012:cluster:\(test.name)-apne1-aurora"))

        let plan = try await test.plan()
        #expect(!plan.hasChanges, "plan after up: \(plan.render())")

        let before = try await test.mutations().count
        let second = try await test.up()
        #expect(second.succeeded)
        #expect(second.mutated.isEmpty)
        #expect(try await test.mutations().count == before, "a converged up must make no mutating call")

        let down = try await test.down()
        #expect(down.succeeded, "down: \(down.failures) left: \(down.leftovers)")
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            #expect(try await reads.vpcs().isEmpty)
            #expect(try await reads.subnets().isEmpty)
            #expect(try await reads.queueURLs().isEmpty)
            #expect(try await reads.tables().isEmpty)
            #expect(try await reads.repositories().isEmpty)
            let left = try await reads.counts()
            #expect(left.values.allSatisfy { $0 == 0 }, "left after down: \(left)")
        }
        #expect(try await IndependentReads(client: try test.client("ap-northeast-1"), stack: test.name).roles().isEmpty)
    }

    @Test("a change behind tpsctl's back shows in diff and up repairs it")
    func driftIsShownAndRepaired() async throws {
        let test = try TestStack("drift")
        defer { test.removeFiles() }
        #expect(try await test.up().succeeded)

        let client = try test.client("ap-northeast-1")
        let reads = IndependentReads(client: client, stack: test.name)
        let commit = try #require(try await reads.queueURLs().first { $0.hasSuffix("-commit.fifo") })
        _ = try await client.json(.sqs, "SetQueueAttributes", [
            "QueueUrl": .string(commit), "Attributes": ["VisibilityTimeout": "99"],
        ])

        let drift = try await test.drift()
        #expect(drift.hasDrift)
        let queue = try #require(drift.resources.first { $0.address.key == "sqs_queue.commit" && $0.address.region == "ap-northeast-1" })
        #expect(queue.status == .drifted)
        let field = try #require(queue.fields.first { $0.field == "VisibilityTimeout" })
        #expect(field.cause == .changedOutside)
        #expect(field.live == .known("\"99\""))

        let repair = try await test.up()
        #expect(repair.succeeded)
        #expect(repair.mutated.map(\.key) == ["sqs_queue.commit"])
        #expect(try await reads.queueAttributes(commit)["VisibilityTimeout"] == "30")
        #expect(try await !test.drift().hasDrift)

        #expect(try await test.down().succeeded)
    }

    @Test("with the state directory deleted, up adopts everything and creates nothing twice")
    func adoptsWithoutState() async throws {
        let test = try TestStack("adopt")
        defer { test.removeFiles() }
        #expect(try await test.up().succeeded)
        try FileManager.default.removeItem(at: test.stateDirectory)

        let before = try await test.mutations().count
        let again = try await test.up()
        #expect(again.succeeded)
        #expect(again.mutated.isEmpty)
        #expect(try await test.mutations().count == before)
        for region in Self.regions {
            let reads = IndependentReads(client: try test.client(region), stack: test.name)
            #expect(try await reads.vpcs().count == 1)
            #expect(try await reads.queueURLs().count == 2)
        }
        #expect(FileManager.default.fileExists(atPath: test.stateDirectory.appendingPathComponent("ap-northeast-1/03-dataplane.json").path))

        #expect(try await test.down().succeeded)
    }

    @Test("a bad stack file fails with file:line before any AWS call")
    func badStackFileFailsBeforeAnyCall() async throws {
        let test = try TestStack("bad")
        defer { test.removeFiles() }
        let yaml = TestStack.yaml(name: test.name, endpoint: test.aws.endpoint)
            .replacingOccurrences(of: "  maxReceiveCount: 3", with: "  maxReceiveCount: 3\n    visibilityTimout: 10")
        try yaml.write(to: test.stackFile, atomically: true, encoding: .utf8)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("visibilityTimout") }! + 1

        let error = try #require(throws: StackValidationError.self) { try test.deployment() }
        #expect(error.description.hasPrefix("\(test.stackFile.path):\(line): "))
        #expect(try await test.aws.requests(signedWith: test.accessKeyId).isEmpty)

        try TestStack.yaml(name: test.name, endpoint: test.aws.endpoint).write(to: test.stackFile, atomically: true, encoding: .utf8)
        var request = try test.request()
        request.regions = ["us-east-1"]
        let regionError = try #require(throws: DeploymentInputError.self) { try request.validate(environment: [:]) }
        #expect(regionError.description.hasPrefix("--region: 'us-east-1'"))
        #expect(throws: StageSelectionError.unknownStage(flag: "--stage", value: "42")) {
            try test.request(stage: "42").validate(environment: [:])
        }
        #expect(try await test.aws.requests(signedWith: test.accessKeyId).isEmpty)
    }
}
