import AsyncHTTPClient
import Foundation
import RedisClient
import Testing
import Ticketing
import TpsctlTestSupport
@testable import E2EScenario

/// `tpsctl load` end to end: the built binary, its bad input refused in one line before any
/// request, and `--processes 2` against the three real services merging its shards exactly.
/// The load buys in section S02, which no other test buys in: seat holds live in the shared
/// Redis, so a parallel test buying there would cause 409s this test counts as shard fights.
@Suite(.serialized) struct LoadCommandTests {
    /// Nothing listens on the discard port: a request sent there would fail differently.
    static let target = ["--public", "http://127.0.0.1:9", "--confirm", "http://127.0.0.1:9"]

    @Test(arguments: [
        (["--shard", "3/2"], "--shard: '3/2' needs 1 <= K <= N <= 1024"),
        (["--shard", "x"], "--shard: 'x' is not K/N (e.g. 2/4)"),
        (["--processes", "0"], "--processes 0: must be in 1...256"),
        (["--processes", "2", "--shard", "1/2"],
         "--processes with --shard: a fan-out runs every shard itself; give one of them"),
        (["--ecs", "0"], "--ecs 0: must be in 1...100"),
        (["--ecs", "2"], "--ecs: needs --stack (its recorded cluster and task definition)"),
        (["--ecs", "2", "--shard", "1/2"], "--ecs with --processes or --shard: the tasks are the shards; give one of them"),
        (["--region", "ap-northeast-1"], "--region: only with --ecs"),
        (["--webhook-secret-env", "TPS_TEST_UNSET_SECRET"],
         "--webhook-secret-env TPS_TEST_UNSET_SECRET: the variable must hold at least 32 bytes"),
        (["--rates", "20,,40"], "--rates 20,,40: each rate must be an integer in 1...1000000"),
        (["--soak", "0"], "--soak 0: minutes must be in 1...1440"),
        (["--start-at", "tomorrow"], "--start-at: 'tomorrow' is not unix seconds or RFC 3339 like 2026-11-26T05:00:00Z"),
        (["--start-at", "99999999999"], "--start-at 99999999999: more than a day ahead (unix seconds, not milliseconds)"),
    ])
    func badInputIsOneLine(_ flags: [String], _ message: String) async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let result = try await TpsctlChild.run(["load"] + Self.target + flags, environment: ProcessInfo.processInfo.environment)
        result.expectOneLineError(message)
    }

    @Test func aStartMoreThanAStepInThePastIsRefused() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let result = try await TpsctlChild.run(["load", "run"] + Self.target
            + ["--step-seconds", "5", "--start-at", "2001-09-09T01:46:40Z"], environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("tpsctl: error: --start-at 2001-09-09T01:46:40Z: "))
        #expect(result.stderr.hasSuffix(" s in the past, more than one step (5 s)\n"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    /// Both children fail preparing their fixture (nothing answers); the parent names the
    /// shard that failed first and quotes its stderr's last line, and writes no report.
    @Test func aFailingShardIsNamedWithItsLastErrorLine() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let port = try FreePorts.take(1)[0]
        let result = try await TpsctlChild.run(["load", "--public", "http://127.0.0.1:\(port)",
                                              "--confirm", "http://127.0.0.1:\(port)", "--rates", "10",
                                              "--step-seconds", "1", "--processes", "2",
                                              "--report", scratch.path("load-report.md")], environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        let line = String(lines.first ?? "")
        let shard = try #require(["1/2", "2/2"].first { line.hasPrefix("tpsctl: error: load: shard \($0) failed (exit 1): ") })
        let childLine = try String(contentsOfFile: scratch.path("load-report.shards/shard-\(shard.prefix(1))-of-2.err"),
                                   encoding: .utf8)
        #expect(childLine.hasPrefix("tpsctl: error: load: preparing the fixture failed at enter"))
        #expect(line.hasSuffix(": " + childLine.dropFirst("tpsctl: error: ".count).dropLast()))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("load-report.md")))
    }

    @Test func mergeRefusesAnotherPlanNamingTheFile() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try LoadReportMergeTests.shard(1, of: 2).encoded().write(to: URL(fileURLWithPath: scratch.path("a.json")))
        try LoadReportMergeTests.shard(2, of: 2, rates: [20, 50]).encoded()
            .write(to: URL(fileURLWithPath: scratch.path("b.json")))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: scratch.path("c.json")))
        let report = scratch.path("report.md")
        let mismatched = try await TpsctlChild.run(["load", "merge", scratch.path("a.json"), scratch.path("b.json"),
                                                  "--report", report], environment: ProcessInfo.processInfo.environment)
        mismatched.expectOneLineError("\(scratch.path("b.json")): another plan than "
            + "\(scratch.path("a.json")) (rates 20,50, not 20,40)")
        let notAResult = try await TpsctlChild.run(["load", "merge", scratch.path("c.json"), "--report", report],
                                                 environment: ProcessInfo.processInfo.environment)
        notAResult.expectOneLineError("\(scratch.path("c.json")): not a tpsctl load result (missing targetRates)")
        let missing = try await TpsctlChild.run(["load", "merge", scratch.path("none.json"), "--report", report],
                                              environment: ProcessInfo.processInfo.environment)
        #expect(missing.stderr.hasPrefix("tpsctl: error: \(scratch.path("none.json")): cannot read it ("))
        #expect(!FileManager.default.fileExists(atPath: report))
    }

    @Test func twoProcessesAgainstTheRealServicesMergeExactly() async throws {
        let stack = try await ServiceStack.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        do {
            try await FullScenarioTests.waitHealthy(stack, http: http)
            try await Self.clearHolds(of: stack, http: http)
            try await http.shutdown()
            try await Self.runTwoShards(stack, scratch: scratch)
        } catch {
            try? await http.shutdown()
            await stack.stop()
            throw error
        }
        await stack.stop()
    }

    static func runTwoShards(_ stack: ServiceStack, scratch: ScratchDirectory) async throws {
        let secretFile = scratch.path("webhook-secret")
        try stack.webhookSecret.reveal.write(toFile: secretFile, atomically: true, encoding: .utf8)
        let result = try await TpsctlChild.run(["load", "--webhook-secret-file", secretFile,
                                              "--public", stack.publicURL.absoluteString,
                                              "--confirm", stack.confirmURL.absoluteString,
                                              "--section", Self.section, "--rates", "20,40", "--step-seconds", "2", "--max-in-flight", "64",
                                              "--processes", "2", "--report", scratch.path("load-report.md"),
                                              "--json", scratch.path("merged.json")], environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let merged = try Self.read(scratch.path("merged.json"))
        let shards = try (1...2).map { try Self.read(scratch.path("load-report.shards/shard-\($0)-of-2.json")) }
        #expect(merged.shards == [1, 2])
        #expect(merged.steps.map(\.targetRate) == [20, 40])
        #expect(shards.map(\.startAt) == [merged.startAt, merged.startAt])
        for (number, step) in merged.steps.enumerated() {
            let parts = shards.map { $0.steps[number] }
            #expect(step.requests == parts.reduce(0) { $0 + $1.requests })
            #expect(step.dropped == parts.reduce(0) { $0 + $1.dropped })
            #expect(step.achievedRate == parts.reduce(0) { $0 + $1.achievedRate })
            #expect(step.shards == parts.flatMap(\.shards))
            for kind in LoadRequestKind.allCases {
                let sum = parts.compactMap { $0.kinds[kind] }.reduce(into: LoadTally()) { $0.merge($1) }
                #expect((step.kinds[kind] ?? LoadTally()) == sum, "\(kind) at \(step.targetRate) req/s")
            }
            // Every due request was answered, dropped or skipped (seats ran out), per shard.
            for shard in step.shards {
                #expect(shard.requests + shard.dropped + shard.skippedPurchases == shard.targetRate * 2)
            }
            #expect(step.shards.map(\.targetRate) == [step.targetRate / 2, step.targetRate / 2])
            #expect(step.serverErrors == 0)
            #expect(step.failures == 0)
            #expect(step.conflicts == 0, "shards fought over seats: \(step.conflicts) 409s")
            #expect(step.kinds[.purchase].map { $0.clientErrors == 0 } ?? true)
        }
        let markdown = try String(contentsOfFile: scratch.path("load-report.md"), encoding: .utf8)
        #expect(markdown.contains("| step | shard 1/2 | shard 2/2 |"))
        // The charts beside the report, linked from it; the bot's own CPU measured per shard.
        for chart in ["rate", "latency", "status"] {
            #expect(markdown.contains("](load-report-\(chart).svg)"))
            #expect(FileManager.default.fileExists(atPath: scratch.path("load-report-\(chart).svg")))
        }
        for step in merged.steps {
            #expect(step.shards.allSatisfy { ($0.cpuSeconds ?? -1) > 0 }, "bot CPU not measured")
            #expect((step.timeline ?? []).reduce(0) { $0 + $1.requests } == step.requests)
        }

        // The shard files merged again by `tpsctl load merge` give the same result.
        let again = try await TpsctlChild.run(["load", "merge", scratch.path("load-report.shards/shard-2-of-2.json"),
                                             scratch.path("load-report.shards/shard-1-of-2.json"),
                                             "--report", scratch.path("again.md"), "--json", scratch.path("again.json")],
                                            environment: ProcessInfo.processInfo.environment)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(try Self.read(scratch.path("again.json")) == merged)
    }

    static let section = "S02"

    /// Drops the Redis holds an earlier run may have left on the section's seats (they outlive
    /// its database by the hold TTL), so every seat the fresh database lists is free.
    static func clearHolds(of stack: ServiceStack, http: HTTPClient) async throws {
        let url = stack.publicURL.appendingPathComponent("public/seats/evt-0001").absoluteString
        let body = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(10)).body.collect(upTo: 1 << 22)
        let map = try JSONCoding.makeDecoder().decode(SeatMap.self, from: Data(buffer: body))
        let keys = map.seats.filter { $0.section == section }
            .map { SeatHoldKeys.redisKey(eventId: map.eventId, seatId: $0.seatId) }
        try #require(!keys.isEmpty, "no seats in section \(section)")
        let redis = try RedisConnectionPool(configuration: RedisConfiguration(
            host: try ServiceStack.required("TPS_REDIS_HOST"), port: Int(try ServiceStack.required("TPS_REDIS_PORT")) ?? 0,
            password: try ServiceStack.required("TPS_REDIS_PASSWORD")))
        do {
            _ = try await redis.delete(keys)
        } catch {
            await redis.shutdown()
            throw error
        }
        await redis.shutdown()
    }

    static func read(_ path: String) throws -> LoadReport {
        try JSONCoding.makeDecoder().decode(LoadReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
