import Foundation
import Stack
@testable import Stages
import Testing

/// Stage 08's fingerprint and failure report, without a server.
@Suite("Stage 08 runs only for a changed migration set")
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
            cluster: "c", taskDefinitionArn: "arn:td", containerName: "confirm-worker", command: ["confirm-worker", "migrate"],
            subnets: ["subnet-1", "subnet-2"], securityGroup: "sg-w", environment: MigrationTaskRequest.seedEnvironment(DatabaseInitConfig()),
            startedBy: "tps-db-init-0123456789abcdef", clientToken: "token", tags: ["tps:stack": "t"])
        let input = request.input
        #expect(input["networkConfiguration"]?["awsvpcConfiguration"]?["assignPublicIp"]?.string == "DISABLED")
        #expect(input["networkConfiguration"]?["awsvpcConfiguration"]?["securityGroups"]?[0]?.string == "sg-w")
        let override = input["overrides"]?["containerOverrides"]?[0]
        #expect(override?["command"]?.array?.compactMap(\.string) == ["confirm-worker", "migrate"])
        #expect(override?["environment"]?.array?.contains { $0["name"]?.string == "SEED_EVENTS" } == true)
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
