import Foundation
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

/// `up`, a no-op `up` and `down` each converge in one run while the local AWS answers 20 % of
/// this test's calls with throttling and about 4 % with 503 (issue 12). Each run's figures are
/// printed; `TPS_THROTTLE_BASELINE=1` also runs the same three without faults, to compare.
/// Part of the serialized CLI suite: its ~1,300 calls would slow the emulator under the kill
/// test's mutation poll.
extension TpsctlCommandTests {
    enum FaultLoad: String, CustomTestStringConvertible {
        case faults = "20% throttled + 4% 503"
        case baseline = "no faults"
        var testDescription: String { rawValue }
    }

    static let faultLoads: [FaultLoad] =
        ProcessInfo.processInfo.environment["TPS_THROTTLE_BASELINE"] == nil ? [.faults] : [.faults, .baseline]

    /// Throttling on every call of this stack; 5 % of the rest (≈ 4 % of all) a 503.
    static func armFaults(_ stack: CLIStack, _ load: FaultLoad) async throws {
        guard load == .faults else { return }
        try await stack.addFault(["kind": "throttle", "probability": 0.2])
        try await stack.addFault(["kind": "server-error", "status": 503, "probability": 0.05])
    }

    /// Runs `tpsctl command` and returns its result with the figures of the calls it made.
    static func measured(_ stack: CLIStack, _ label: String, _ command: String, _ extra: [String] = [])
        async throws -> (TpsctlChild.Result, RunFigures)
    {
        let before = try await stack.test.aws.requests(signedWith: stack.test.accessKeyId).count
        let started = ContinuousClock.now
        let result = try await stack.run(command, extra)
        let wall = ContinuousClock.now - started
        let log = try await stack.test.aws.requests(signedWith: stack.test.accessKeyId)
        let figures = RunFigures(label, requests: log[before...], wall: wall)
        print("figures: \(figures)")
        return (result, figures)
    }

    @Test("under 20% throttling + 4% 503: up from empty, a no-op up and down, one run each, no duplicates, nothing left",
          arguments: faultLoads)
    func convergesInOneRunEachUnderThrottling(load: FaultLoad) async throws {
        let stack = try CLIStack("storm")
        defer { stack.test.removeFiles() }

        try await Self.armFaults(stack, load)
        let (up, upFigures) = try await Self.measured(stack, "up from empty (\(load.rawValue))", "up")
        try await stack.removeFaults()
        #expect(up.status == 0, "up: \(up.stderr.suffix(3000))")
        try await Self.expectComplete(stack)
        try await Self.expectConverged(stack)
        if load == .faults {
            #expect(upFigures.throttled > 20 && upFigures.unavailable > 0, "the faults were met: \(upFigures)")
            let told = up.stderr.split(separator: "\n").filter { $0.contains(" throttled in ap-northeast-") }
            #expect(!told.isEmpty && told.count < upFigures.throttled / 2, "once per change, not per retry: \(told)")
        }

        try await Self.armFaults(stack, load)
        let (noop, noopFigures) = try await Self.measured(stack, "no-op up (\(load.rawValue))", "up")
        try await stack.removeFaults()
        #expect(noop.status == 0, "no-op up: \(noop.stderr.suffix(3000))")
        #expect(noop.stderr.contains(" 0 changed, 0 failed"), "\(noop.stderr.suffix(500))")
        // Its only writes are the deploy lease's (take, renew, release: item writes no stage makes).
        let leaseWrites: Set = ["dynamodb PutItem", "dynamodb DeleteItem"]
        #expect(noopFigures.acceptedMutations.filter { !leaseWrites.contains($0) } == [], "a no-op up changes nothing on AWS")
        try await Self.expectComplete(stack)

        try await Self.armFaults(stack, load)
        let (down, _) = try await Self.measured(stack, "down (\(load.rawValue))", "down", ["--yes"])
        try await stack.removeFaults()
        #expect(down.status == 0, "down: \(down.stderr.suffix(3000))")
        try await Self.expectEmpty(stack)
    }
}
