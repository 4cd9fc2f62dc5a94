import Foundation
import Provisioning
import Testing

@Suite struct StateStoreTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    let vpc = ResourceAddress(region: "ap-northeast-1", stage: .network, kind: "vpc", name: "main")

    @Test func recordsLandInRegionAndStageFilesAndUnchangedRecordsAreNotRewritten() async throws {
        let store = directory.store
        try await store.record(vpc, stack: "s", outputs: ResourceOutputs(["vpcId": "vpc-1"]), applied: ["cidr": .known("\"10.0.0.0/16\"")])
        let file = directory.out.appendingPathComponent("ap-northeast-1/00-network.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("\"vpc.main\""))
        #expect(text.contains("\"vpcId\" : \"vpc-1\""))
        let inode = try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int
        try await store.record(vpc, stack: "s", outputs: ResourceOutputs(["vpcId": "vpc-1"]), applied: ["cidr": .known("\"10.0.0.0/16\"")])
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int == inode)
        try await store.record(vpc, stack: "s", outputs: ResourceOutputs(["vpcId": "vpc-2"]), applied: [:])
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int != inode, "replaced by rename")
        #expect(try await store.record(for: vpc)?.outputs["vpcId"] == .plain("vpc-2"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["00-network.json"], "no temp files remain")
        try await store.removeRecord(vpc)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func refusesSecretValuesButAcceptsReferences() async throws {
        let store = directory.store
        var outputs = ResourceOutputs(["endpoint": "db.example"])
        outputs.set("masterPassword", "hunter2")
        await #expect(throws: SecretLeakError.self) { try await store.record(vpc, stack: "s", outputs: outputs, applied: [:]) }
        await #expect(throws: SecretLeakError.self) {
            try await store.record(vpc, stack: "s", outputs: ResourceOutputs(), applied: ["auth_token": .known("\"hunter2\"")])
        }
        #expect(try await store.allStageStates().isEmpty, "nothing was written")

        var safe = ResourceOutputs(["endpoint": "db.example", "authTokenEnabled": "true", "masterUserSecretArn": "arn:aws:secretsmanager:x"])
        safe.setSecret("masterPassword", SecretReference(arn: "arn:aws:secretsmanager:ap-northeast-1:1:secret:db"))
        try await store.record(vpc, stack: "s", outputs: safe, applied: [:])
        let text = try String(contentsOf: store.stageFile(region: "ap-northeast-1", stage: .network), encoding: .utf8)
        #expect(text.contains("\"secretArn\" : \"arn:aws:secretsmanager:ap-northeast-1:1:secret:db\""))
        #expect(try await store.record(for: vpc)?.outputs == safe)
    }

    @Test func environmentFileHasASectionPerRegionAndNoSecretValues() async throws {
        let store = directory.store
        var tokyo = EnvironmentSection(region: "ap-northeast-1")
        try tokyo.set(.awsRegion, "ap-northeast-1")
        try tokyo.set(.commitQueueURL, "https://sqs.ap-northeast-1.amazonaws.com/1/q.fifo")
        try tokyo.set(.dbName, "tickets and 'seats'")
        tokyo.setSecret(.redisAuthToken, SecretReference(arn: "arn:aws:secretsmanager:ap-northeast-1:1:secret:redis"))
        var seoul = EnvironmentSection(region: "ap-northeast-2")
        try seoul.set(.awsRegion, "ap-northeast-2")
        try await store.writeEnvironment(tokyo)
        try await store.writeEnvironment(seoul)
        let text = try String(contentsOf: store.environmentFile, encoding: .utf8)
        #expect(text.contains("""
            # [ap-northeast-1]
            AWS_REGION=ap-northeast-1
            COMMIT_QUEUE_URL=https://sqs.ap-northeast-1.amazonaws.com/1/q.fifo
            DB_NAME='tickets and '\\''seats'\\'''
            # REDIS_AUTH_TOKEN from arn:aws:secretsmanager:ap-northeast-1:1:secret:redis

            # [ap-northeast-2]
            AWS_REGION=ap-northeast-2
            """))
        #expect(try await store.environment().sections == ["ap-northeast-1": tokyo, "ap-northeast-2": seoul])
        try await store.removeEnvironment(region: "ap-northeast-1")
        #expect(try await store.environment().sections.keys.sorted() == ["ap-northeast-2"])

        var bad = EnvironmentSection(region: "ap-northeast-1")
        #expect(throws: EnvironmentValueError.self) { try bad.set(.databaseURL, "postgres://tps:hunter2@db:5432/tps") }
        #expect(throws: EnvironmentValueError.self) { try bad.set(.dbHost, "a\nb") }
        #expect(throws: EnvironmentValueError.self) { try bad.set(.dbPassword, "hunter2") }
        try bad.set(.databaseURL, "postgres://tps@db:5432/tps")
    }

    @Test func concurrentReadersNeverSeeATornFile() async throws {
        let file = directory.url.appendingPathComponent("state.json")
        let payloads = (0..<2).map { index in
            try! JSONEncoder().encode(["which": String(index), "padding": String(repeating: "\(index)", count: 512 * 1024)])
        }
        try AtomicFile.write(payloads[0], to: file)
        let writer = Task.detached {
            for round in 0..<60 { try AtomicFile.write(payloads[round % 2], to: file) }
        }
        var reads = 0
        while !writer.isCancelled, reads < 400 {
            let data = try Data(contentsOf: file)
            #expect(payloads.contains(data), "read a torn file of \(data.count) bytes")
            reads += 1
            if reads > 50, await writerFinished(writer) { break }
        }
        try await writer.value
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["state.json"])
    }

    private func writerFinished(_ task: Task<Void, any Error>) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = try? await task.value; return true }
            group.addTask { await Task.yield(); return false }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
    }

    @Test func aWriterKilledMidWriteLeavesAWholeFile() async throws {
        let file = directory.url.appendingPathComponent("rewritten.json")
        let probe = try ProbeProcess(["rewrite", file.path])
        _ = try await probe.waitForLine("WRITING")
        try await Task.sleep(for: .milliseconds(300))
        probe.signal(SIGKILL)
        _ = await probe.exitStatus()
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
        let generation = try #require(decoded["generation"].flatMap(Int.init))
        #expect(decoded["padding"] == String(repeating: String(generation % 10), count: 256 * 1024))
    }
}

@Suite struct EnvironmentFileParsingTests {
    @Test func aSecretValueWrittenByHandIsRefusedWithItsLine() throws {
        let text = "# [ap-northeast-1]\nAWS_REGION=ap-northeast-1\nDB_PASSWORD=hunter2\n"
        #expect {
            _ = try EnvironmentFile.parse(text, path: ".env.generated")
        } throws: { error in
            let message = "\(error)"
            return message.contains(".env.generated:3") && message.contains("DB_PASSWORD") && !message.contains("hunter2")
        }
    }
}
