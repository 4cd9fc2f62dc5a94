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
        let json = try JSONDecoder().decode(RequestJSON.self, from: JSONCoding.makeEncoder().encode(message))
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

    @Test("Deduplication id is the idempotency key; the group is the event and its seat set, in any order")
    func fifoIds() {
        let message = CommitMessage(idem: "commit-key-0001", request: request)
        #expect(message.messageDeduplicationId == "commit-key-0001")
        let group = message.messageGroupId
        #expect(group.hasPrefix("evt-0001."))
        #expect(group.count == "evt-0001.".count + 16)
        #expect(group.utf8.count <= 128, "SQS's MessageGroupId limit")
        // The same seats in another order or repeated, another user or key: the same group.
        let same = CommitMessage(idem: "commit-key-0002", payload: CommitPayload(
            intentId: Samples.intentId, eventId: "evt-0001", seatIds: ["S01-00002", "S01-00001", "S01-00002"], userId: "user-2"))
        #expect(same.messageGroupId == group)
        // Other seats, or the same seats of another event: another group.
        let seatSets = [["S01-00001"], ["S01-00002"], ["S01-00002", "S01-00003"], ["S01-00001", "S01-00002", "S01-00003"]]
        let others = seatSets.map { seats in
            CommitMessage(idem: "commit-key-0003", payload: CommitPayload(
                intentId: Samples.intentId, eventId: "evt-0001", seatIds: seats, userId: "user-1")).messageGroupId
        } + [CommitMessage(idem: "commit-key-0004", payload: CommitPayload(
            intentId: Samples.intentId, eventId: "evt-0002", seatIds: request.seatIds, userId: "user-1")).messageGroupId]
        #expect(Set(others + [group]).count == others.count + 1)
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
