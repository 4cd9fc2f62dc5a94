import AWSClient
import Foundation
import Provisioning
import Testing
@testable import StagesTestSupport

/// The commit queue and its DLQ run in FIFO high-throughput mode (issue 14): created so, and a
/// queue made by an earlier tpsctl (300 calls/s per action for the whole queue) is switched in
/// place — `plan` shows an update of the two attributes, `up` sends SetQueueAttributes and never
/// deletes the queue, whose messages (commits not yet decided) must survive the change.
@Suite("Commit queue high-throughput mode")
struct CommitQueueThroughputTests {
    static let modeFields: Set<String> = ["DeduplicationScope", "FifoThroughputLimit"]

    @Test("up creates both queues in high-throughput mode; an old per-queue queue is updated in place, its messages kept")
    func switchedInPlace() async throws {
        let test = try TestStack("htfifo")
        defer { test.removeFiles() }
        #expect(try await test.up().succeeded)

        let client = try test.client("ap-northeast-1")
        let reads = IndependentReads(client: client, stack: test.name)
        let queues = try await reads.queueURLs()
        #expect(queues.count == 2)
        for url in queues {
            let attributes = try await reads.queueAttributes(url)
            #expect(attributes["DeduplicationScope"] == "messageGroup", "\(url)")
            #expect(attributes["FifoThroughputLimit"] == "perMessageGroupId", "\(url)")
        }

        // What an earlier tpsctl made: the FIFO defaults, and a commit waiting in the queue.
        let commit = try #require(queues.first { $0.hasSuffix("-commit.fifo") })
        let sqs = SQS(client: client)
        for url in queues {
            _ = try await client.json(.sqs, "SetQueueAttributes", [
                "QueueUrl": .string(url), "Attributes": ["DeduplicationScope": "queue", "FifoThroughputLimit": "perQueue"],
            ])
        }
        try await sqs.sendMessage(queueUrl: commit, body: "pending commit", groupId: "g", deduplicationId: "d1")

        let plan = try await test.plan()
        let changed = plan.actions.filter { $0.kind.isChange }
        #expect(Set(changed.map(\.address.key)) == ["sqs_queue.commit", "sqs_queue.commit-dlq"], "\(plan.render())")
        for action in changed {
            #expect(action.kind == .update, "\(action.address.key): \(action.kind)")
            #expect(Set(action.changes.map(\.field)) == Self.modeFields)
            #expect(action.changes.allSatisfy { $0.effect == .update })
        }

        let before = try await test.mutations().count
        let repair = try await test.up()
        #expect(repair.succeeded, "\(repair.failures)")
        let calls = try await test.mutations().dropFirst(before).compactMap(\.action)
        #expect(calls.filter { $0 != "SetQueueAttributes" }.isEmpty, "only SetQueueAttributes: \(calls)")
        #expect(calls.count == 2)
        for url in queues {
            #expect(try await reads.queueAttributes(url)["FifoThroughputLimit"] == "perMessageGroupId")
        }
        let kept = try await sqs.receiveMessages(queueUrl: commit, maxMessages: 10, waitTimeSeconds: 0)
        #expect(kept.map(\.body) == ["pending commit"])
        #expect(try await !test.plan().hasChanges)

        #expect(try await test.down().succeeded)
    }
}
