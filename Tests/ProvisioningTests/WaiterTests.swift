import Foundation
import Provisioning
import Testing

@Suite struct WaiterTests {
    @Test func pollsWithBackoffUntilDoneAndReportsProgress() async throws {
        let recorder = EventRecorder()
        let polls = Counter()
        let waiter = Waiter(policy: quickWaits, events: recorder.sink)
        let value = try await waiter.wait(for: "the thing to settle") { () async throws -> WaitStatus<String> in
            await polls.increment() >= 4 ? .done("settled") : .pending("settling")
        }
        #expect(value == "settled")
        #expect(await polls.value == 4)
        #expect(recorder.waits.count == 3)
        #expect(recorder.waits.allSatisfy { $0.what == "the thing to settle" && $0.status == "settling" })
        #expect(recorder.waits.last!.description.hasPrefix("waiting for the thing to settle ("))
    }

    @Test func timesOutNamingWhatItWaitedFor() async throws {
        let waiter = Waiter(policy: WaitPolicy(initialInterval: .milliseconds(5), timeout: .milliseconds(40)))
        do {
            _ = try await waiter.wait(for: "NAT gateway nat-1 to become available") { () async throws -> WaitStatus<Int> in .pending("pending") }
            Issue.record("did not time out")
        } catch let timeout as WaitTimeout {
            #expect(timeout.description.hasPrefix("gave up waiting for NAT gateway nat-1 to become available after "))
            #expect(timeout.description.hasSuffix("(last status: pending)"))
        }
    }

    @Test func stopsOnATerminalFailure() async throws {
        let waiter = Waiter(policy: quickWaits, subject: ResourceAddress(region: "ap-northeast-1", stage: .dataplane, kind: "db", name: "main"))
        await #expect(throws: WaitFailed.self) {
            try await waiter.wait(for: "cluster to become available") { () async throws -> WaitStatus<Int> in .failed("status incompatible-parameters") }
        }
    }

    @Test func cancellationEndsAWait() async throws {
        let task = Task {
            try await Waiter(policy: WaitPolicy(initialInterval: .seconds(30))).wait(for: "forever") { () async throws -> WaitStatus<Int> in .pending(nil) }
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}

actor Counter {
    private(set) var value = 0

    func increment() -> Int {
        value += 1
        return value
    }
}
