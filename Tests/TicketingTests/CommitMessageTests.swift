import Foundation
import Testing
import Ticketing

@Suite("CommitMessage: the SQS FIFO contract")
struct CommitMessageTests {
    let request = CommitRequest(intentId: Samples.intentId, eventId: "evt-0001", seatIds: ["S01-00001", "S01-00002"],
                                userId: "user-1")

    @Test("Exactly {idem, payload{intentId, eventId, seatIds, userId}}")
    func shape() throws {
        let message = CommitMessage(idem: "commit-key-0001", request: request)
        let json = try JSONDecoder().decode(JSONValue.self, from: JSONCoding.makeEncoder().encode(message))
        #expect(json == .object([
            "idem": .string("commit-key-0001"),
            "payload": .object([
                "intentId": .string(Samples.intentId), "eventId": .string("evt-0001"),
                "seatIds": .array([.string("S01-00001"), .string("S01-00002")]), "userId": .string("user-1"),
            ]),
        ]))
        let decoded = try JSONCoding.makeDecoder().decode(CommitMessage.self, from: JSONCoding.makeEncoder().encode(message))
        #expect(decoded == message)
    }

    @Test("Group id is the event, deduplication id is the idempotency key")
    func fifoIds() {
        let message = CommitMessage(idem: "commit-key-0001", request: request)
        #expect(message.messageGroupId == "evt-0001")
        #expect(message.messageDeduplicationId == "commit-key-0001")
        #expect(CommitAccepted(idem: "commit-key-0001").statusUrl == "/confirm/status?idem=commit-key-0001")
    }

    @Test("A poison message is recognised by its problems")
    func poison() {
        #expect(CommitMessage(idem: "commit-key-0001", request: request).validationProblems().isEmpty)
        let bad = CommitMessage(idem: "k", payload: CommitPayload(intentId: "x", eventId: "evt-0001", seatIds: [],
                                                                  userId: "user-1"))
        #expect(bad.validationProblems().map(\.field) == ["idem", "payload.intentId", "payload.seatIds"])
    }
}
