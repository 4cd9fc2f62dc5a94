import Foundation
import Stages
import Testing
@testable import StagesTestSupport

/// `tpsctl up` / `plan` / `down` as a user runs them: the built binary as a child process
/// against the local AWS, both regions, stages 00–03 — killed mid-run, run twice at once, and
/// throttled.
@Suite("tpsctl up/down as a process", .serialized)
struct TpsctlCommandTests {
    static let regions = ["ap-northeast-1", "ap-northeast-2"]

    /// Every kind counted by tag or name, once per region: a duplicate or a leak shows as a wrong count.
    static func expectComplete(_ stack: CLIStack, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for region in regions {
            let counts = try await IndependentReads(client: try stack.test.client(region), stack: stack.test.name).counts()
            #expect(counts == IndependentReads.expectedCounts, "\(region)", sourceLocation: sourceLocation)
        }
    }

    static func expectEmpty(_ stack: CLIStack, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for region in regions {
            let counts = try await IndependentReads(client: try stack.test.client(region), stack: stack.test.name).counts()
            #expect(counts.values.allSatisfy { $0 == 0 }, "\(region) after down: \(counts)", sourceLocation: sourceLocation)
        }
    }

    /// `plan --detailed-exitcode` answers 0: nothing to change.
    static func expectConverged(_ stack: CLIStack, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let plan = try await stack.run("plan", ["--detailed-exitcode"])
        #expect(plan.status == 0, "plan after up:\n\(plan.stdout)\(plan.stderr)", sourceLocation: sourceLocation)
    }

    @Test("kill -9 of up after about 5, 45 and 95 mutations; each rerun resumes, the last converges with no duplicates")
    func killedUpConverges() async throws {
        let stack = try CLIStack("kill")
        defer { stack.test.removeFiles() }
        // Every call of this stack 100 ms slower (at most ~80 calls/s over tpsctl's 8 connections),
        // so the 20 ms poll, slow itself on a busy emulator, sees each kill point soon after it
        // passes: a run that overshot far would leave the next one too little to do before its kill.
        try await stack.addFault(["kind": "latency", "latencyMs": 100])

        var forceUnlock: [String] = []
        // Each run is killed after its own share: about 5, 45 and 95 of the ~145 mutations in all.
        for share in [5, 40, 50] {
            let point = try await stack.mutationCount() + share
            let child = try stack.start("up", forceUnlock)
            let reached = try await stack.waitForMutations(point, while: child)
            child.kill9()
            let result = await child.wait()
            #expect(reached && result.signalled, "up ended on its own before \(point) mutations: \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: stack.lockFile.path), "a killed run leaves its lock behind")
            // The killed run's lock is stale (its pid is gone): only --force-unlock takes it over.
            forceUnlock = ["--force-unlock"]
        }
        try await stack.removeFaults()
        let final = try await stack.run("up", forceUnlock)
        #expect(final.status == 0, "rerun after the kills: \(final.stderr)")
        try await Self.expectComplete(stack)
        try await Self.expectConverged(stack)

        let down = try await stack.run("down", ["--yes"])
        #expect(down.status == 0, "down: \(down.stdout)\(down.stderr)")
        try await Self.expectEmpty(stack)
    }

    @Test("a second concurrent up is refused naming the holder; --force-unlock recovers a stale lock")
    func secondUpIsRefusedAndStaleLockRecovered() async throws {
        let stack = try CLIStack("lock")
        defer { stack.test.removeFiles() }

        // The first up's calls 50 ms slower: it must still hold the lock when the second has been refused.
        try await stack.addFault(["kind": "latency", "latencyMs": 50])
        let first = try stack.start("up")
        // The lock is taken before the first AWS call; up from empty runs for seconds after.
        while first.process.isRunning, !FileManager.default.fileExists(atPath: stack.lockFile.path) {
            try await Task.sleep(for: .milliseconds(10))
        }
        guard first.process.isRunning else {
            let ended = await first.wait()
            Issue.record("the first up ended before a second could start: \(ended.stderr)")
            return
        }
        let second = try await stack.run("up")
        #expect(second.status == 1)
        #expect(second.stderr.contains("another tpsctl holds the lock"), "\(second.stderr)")
        #expect(second.stderr.contains("pid \(first.pid)"), "the refusal names the holder: \(second.stderr)")
        #expect(second.stderr.contains("'up'"))

        first.kill9()
        let killed = await first.wait()
        #expect(killed.signalled, "the first up was still running when killed: \(killed.stderr)")
        try await stack.removeFaults()
        let stale = try await stack.run("up")
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("stale") && stale.stderr.contains("--force-unlock"), "\(stale.stderr)")

        let recovered = try await stack.run("up", ["--force-unlock"])
        #expect(recovered.status == 0, "\(recovered.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stack.lockFile.path), "a finished up releases the lock")
        try await Self.expectComplete(stack)

        #expect(try await stack.run("down", ["--yes"]).status == 0)
        try await Self.expectEmpty(stack)
    }

    @Test("up survives injected throttling on EC2, ElastiCache, RDS and Secrets Manager")
    func throttlingIsSurvived() async throws {
        let stack = try CLIStack("throttle")
        defer { stack.test.removeFiles() }
        // Two per service: fewer than the default three attempts even if they hit one request.
        for service in ["ec2", "elasticache", "rds", "secretsmanager"] {
            try await stack.addFault(["service": service, "kind": "throttle", "count": 2])
        }
        let up = try await stack.run("up")
        try await stack.removeFaults()
        #expect(up.status == 0, "up under throttling: \(up.stderr)")

        let throttled = try await stack.test.aws.requests(signedWith: stack.test.accessKeyId).filter { $0.fault == "throttle" }
        #expect(throttled.count == 8, "every injected throttle was met: \(throttled.map { "\($0.service ?? "")/\($0.action ?? "")" })")
        try await Self.expectComplete(stack)
        try await Self.expectConverged(stack)

        #expect(try await stack.run("down", ["--yes"]).status == 0)
        try await Self.expectEmpty(stack)
    }
}
