import AWSClient
import Foundation
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

/// `tpsctl dlq list|redrive` as an operator runs them: the built binary against the local AWS,
/// one region of a stack brought up to stage 03, with commits dead-lettered the way the worker
/// leaves them (received past the commit queue's maxReceiveCount).
@Suite("tpsctl dlq as a process", .serialized)
struct DLQCommandTests {
    static let region = "ap-northeast-1"

    struct Queues {
        let sqs: SQS
        let commit: String
        let deadLetters: String

        func depth(_ url: String) async throws -> Int {
            let attributes = try await sqs.getQueueAttributes(queueUrl: url, names: ["ApproximateNumberOfMessages"])
            return attributes["ApproximateNumberOfMessages"].flatMap(Int.init) ?? -1
        }
    }

    static func run(_ stack: CLIStack, _ arguments: [String]) async throws -> TpsctlChild.Result {
        try await TpsctlChild.run(arguments + ["--stack", stack.test.stackFile.path, "--state-dir", stack.test.stateDirectory.path],
                                  environment: stack.environment)
    }

    static func dlq(_ stack: CLIStack, _ arguments: [String]) async throws -> TpsctlChild.Result {
        try await run(stack, ["dlq"] + arguments + ["--region", region])
    }

    /// A CommitMessage as confirm-api sends it; the intent id (a UUID) ends in the idem's last 4 digits.
    static func commitBody(idem: String, event: String, seat: String) -> String {
        let intent = "5f0c8a2e-0000-4000-8000-00000000" + idem.suffix(4)
        return #"{"idem":"\#(idem)","payload":{"intentId":"\#(intent)","eventId":"\#(event)","seatIds":["\#(seat)"],"userId":"u-dlq"}}"#
    }

    /// A refused input: non-zero, one line on stderr that names `mentioning`.
    static func expectRefused(_ result: TpsctlChild.Result, mentioning: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status != 0, "accepted: \(result.stdout)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && result.stderr.contains(mentioning), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test("bad input is one line naming the flag or file, before any AWS call")
    func badInput() async throws {
        let stack = try CLIStack("dlqbad")
        defer { stack.test.removeFiles() }
        Self.expectRefused(try await Self.dlq(stack, ["list"]), mentioning: "03-dataplane.json")
        Self.expectRefused(try await Self.dlq(stack, ["redrive", "--yes"]), mentioning: "03-dataplane.json")
        Self.expectRefused(try await Self.dlq(stack, ["list", "--max", "0"]), mentioning: "--max 0")
        Self.expectRefused(try await Self.dlq(stack, ["redrive", "--yes", "--max", "lots"]), mentioning: "--max lots")
        Self.expectRefused(try await Self.run(stack, ["dlq", "list", "--region", "eu-west-1"]), mentioning: "--region")
        Self.expectRefused(try await Self.run(stack, ["dlq", "redrive", "--yes", "--all-regions"]), mentioning: "--region")
        #expect(try await stack.test.aws.requests(signedWith: stack.test.accessKeyId).isEmpty, "no AWS call at all")
    }

    @Test("list shows the dead letters and leaves them; redrive --yes moves them to the commit queue in group order; a re-run moves nothing")
    func listAndRedrive() async throws {
        let stack = try CLIStack("dlq")
        defer { stack.test.removeFiles() }
        let up = try await Self.run(stack, ["up", "--region", Self.region, "--to", "03"])
        try #require(up.status == 0, "up: \(up.stderr)")
        let sqs = SQS(client: try stack.test.client(Self.region))
        let queues = Queues(sqs: sqs, commit: try await sqs.getQueueUrl(name: "\(stack.test.name)-apne1-commit.fifo"),
                            deadLetters: try await sqs.getQueueUrl(name: "\(stack.test.name)-apne1-commit-dlq.fifo"))

        // Three commits the worker never settled: received (visibility 0) until SQS dead-letters them.
        let commits = [("idem-dlq-0001", "evt-0001", "S01-00001"), ("idem-dlq-0002", "evt-0001", "S01-00002"),
                       ("idem-dlq-0003", "evt-0002", "S01-00003")]
        for (idem, event, seat) in commits {
            try await sqs.sendMessage(queueUrl: queues.commit, body: Self.commitBody(idem: idem, event: event, seat: seat),
                                      groupId: event, deduplicationId: idem)
        }
        var receives = 0
        while try await queues.depth(queues.deadLetters) < 3 {
            receives += 1
            try #require(receives < 100, "the commits never reached the DLQ")
            _ = try await sqs.receiveMessages(queueUrl: queues.commit, maxMessages: 10, waitTimeSeconds: 0, visibilityTimeout: 0)
        }
        // And one body that is no commit, with a secret-looking field that must never be printed.
        try await sqs.sendMessage(queueUrl: queues.deadLetters, body: #"{"password":"hunter2-do-not-print"}"#,
                                  groupId: "junk", deduplicationId: "junk-1")

        let listed = try await Self.dlq(stack, ["list", "--output", "json"])
        try #require(listed.status == 0, "list: \(listed.stderr)")
        let document = try JSONValue(parsing: listed.stdout)
        let messages = document["messages"]?.array ?? []
        #expect(document["approximateNumberOfMessages"]?.int == 4)
        #expect(messages.count == 4)
        #expect(Set(messages.compactMap { $0["commit"]?["idem"]?.string }) == Set(commits.map(\.0)))
        let first = try #require(messages.first { $0["commit"]?["idem"]?.string == "idem-dlq-0001" })
        #expect(first["messageGroupId"]?.string == "evt-0001")
        #expect(first["commit"]?["seatIds"]?[0]?.string == "S01-00001")
        let policy = try await sqs.getQueueAttributes(queueUrl: queues.commit, names: ["RedrivePolicy"])["RedrivePolicy"]
        let maxReceiveCount = try #require(try policy.map { try JSONValue(parsing: $0) }?["maxReceiveCount"]?.int)
        #expect(first["approximateReceiveCount"]?.int == maxReceiveCount + 1, "received up to maxReceiveCount, then by the listing")
        #expect(first["sentTimestamp"]?.string?.hasPrefix("20") == true)
        #expect(messages.contains { $0["messageGroupId"]?.string == "junk" && $0["commit"] == .null })
        #expect(!listed.stdout.contains("hunter2") && !listed.stderr.contains("hunter2"), "a body is never printed")
        #expect(try await queues.depth(queues.deadLetters) == 4, "listing made every message visible again at once")

        let table = try await Self.dlq(stack, ["list", "--max", "2"])
        #expect(table.status == 0, "list --max 2: \(table.stderr)")
        #expect(table.stdout.contains("MESSAGE ID") && table.stdout.contains("2 shown, ApproximateNumberOfMessages 4"),
                "\(table.stdout)")
        #expect(!table.stdout.contains("hunter2"))

        let redrive = try await Self.dlq(stack, ["redrive", "--yes"])
        #expect(redrive.status == 0 && redrive.stdout.contains("4 moved"), "redrive: \(redrive.stdout)\(redrive.stderr)")
        #expect(try await queues.depth(queues.deadLetters) == 0)
        #expect(try await queues.depth(queues.commit) == 4)
        var back: [SQS.ReceivedMessage] = []
        for _ in 0..<10 where back.count < 4 {
            back += try await sqs.receiveMessages(queueUrl: queues.commit, maxMessages: 10, waitTimeSeconds: 0, visibilityTimeout: 30)
        }
        #expect(back.filter { $0.groupId == "evt-0001" }.map(\.body)
                == [Self.commitBody(idem: "idem-dlq-0001", event: "evt-0001", seat: "S01-00001"),
                    Self.commitBody(idem: "idem-dlq-0002", event: "evt-0001", seat: "S01-00002")],
                "the bodies come back unchanged, in their group's order")
        #expect(back.first { $0.groupId == "evt-0002" }?.body.contains("idem-dlq-0003") == true)
        for message in back { try await sqs.changeMessageVisibility(queueUrl: queues.commit, receiptHandle: message.receiptHandle, seconds: 0) }

        let again = try await Self.dlq(stack, ["redrive", "--yes"])
        #expect(again.status == 0 && again.stdout.contains("0 moved"), "re-run: \(again.stdout)\(again.stderr)")
        #expect(try await queues.depth(queues.commit) == 4, "a re-run enqueues nothing")
    }

    @Test("a redrive killed after sending and before deleting: the re-run deletes the dead letter and enqueues no second copy")
    func redriveResumesWithoutDuplicates() async throws {
        let stack = try CLIStack("dlqkill")
        defer { stack.test.removeFiles() }
        let up = try await Self.run(stack, ["up", "--region", Self.region, "--to", "03"])
        try #require(up.status == 0, "up: \(up.stderr)")
        let sqs = SQS(client: try stack.test.client(Self.region))
        let queues = Queues(sqs: sqs, commit: try await sqs.getQueueUrl(name: "\(stack.test.name)-apne1-commit.fifo"),
                            deadLetters: try await sqs.getQueueUrl(name: "\(stack.test.name)-apne1-commit-dlq.fifo"))
        let body = Self.commitBody(idem: "idem-dlq-0009", event: "evt-0001", seat: "S01-00009")
        try await sqs.sendMessage(queueUrl: queues.deadLetters, body: body, groupId: "evt-0001", deduplicationId: "idem-dlq-0009")
        // What the killed run did: it sent the dead letter on with the redrive's deduplication id, then died.
        let peeked = try #require(try await sqs.receiveMessages(queueUrl: queues.deadLetters, maxMessages: 1,
                                                                waitTimeSeconds: 0, visibilityTimeout: 0).first)
        try await sqs.sendMessage(queueUrl: queues.commit, body: body, groupId: "evt-0001",
                                  deduplicationId: "dlq-redrive-" + peeked.messageId)

        let rerun = try await Self.dlq(stack, ["redrive", "--yes"])
        #expect(rerun.status == 0 && rerun.stdout.contains("1 moved"), "\(rerun.stdout)\(rerun.stderr)")
        #expect(try await queues.depth(queues.deadLetters) == 0)
        #expect(try await queues.depth(queues.commit) == 1, "SQS dropped the resend as a duplicate")
    }
}
