import AWSClient
import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// POST /confirm/commit puts exactly the contract's message on the FIFO queue and answers 202
/// with where to poll; GET /confirm/status answers pending with a revalidatable ETag.
@Suite struct CommitAndStatusTests {
    @Test func commitQueuesTheMessageAndStatusIsPendingWithETag() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let seats = ["S01-00006"]
                let intent = try await FlowSteps.heldIntent(public: publicClient, confirm: client, userId: "u-commit",
                                                            eventId: "evt-0001", seatIds: seats)
                let idem = "commit-" + UUID().uuidString
                let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId,
                                                          userId: "u-commit", eventId: "evt-0001", seatIds: seats)
                #expect(accepted.status == .accepted)
                #expect(accepted.headers[.location] == "/confirm/status?idem=\(idem)")
                #expect(try FlowSteps.decode(CommitAccepted.self, accepted) == CommitAccepted(idem: idem))

                let replay = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId,
                                                        userId: "u-commit", eventId: "evt-0001", seatIds: seats)
                #expect(replay.status == .accepted)
                #expect(replay.headers[.init(IdempotencyHeaders.replay)!] == "true")
                let reused = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId,
                                                        userId: "u-other", eventId: "evt-0001", seatIds: seats)
                #expect(reused.status.code == 422)

                // The replay's resend was deduplicated: one message, the contract's, grouped by its seats.
                let messages = try await stack.sqs.receiveMessages(queueUrl: queue, maxMessages: 10, waitTimeSeconds: 1)
                #expect(messages.count == 1)
                let message = try #require(messages.first)
                let sent = try JSONCoding.makeDecoder().decode(CommitMessage.self, from: Data(message.body.utf8))
                #expect(message.groupId == sent.messageGroupId)
                #expect(sent == CommitMessage(idem: idem, payload: CommitPayload(
                    intentId: intent.intentId, eventId: "evt-0001", seatIds: seats, userId: "u-commit")))

                let status = try await client.execute(uri: "/confirm/status?idem=\(idem)", method: .get)
                #expect(status.status == .ok)
                #expect(status.headers[.cacheControl] == "no-cache")
                let body = try FlowSteps.decode(OrderStatusResponse.self, status)
                #expect(body.order.status == .pending)
                #expect(body.order.intentId == intent.intentId)
                #expect(body.payment?.status == .pending)
                #expect(body.payment?.amount == intent.amount)
                let etag = try #require(status.headers[.eTag])
                let revalidated = try await client.execute(uri: "/confirm/status?idem=\(idem)", method: .get,
                                                           headers: [.ifNoneMatch: etag])
                #expect(revalidated.status == .notModified)
                #expect(revalidated.headers[.eTag] == etag)
                let stale = try await client.execute(uri: "/confirm/status?idem=\(idem)", method: .get,
                                                     headers: [.ifNoneMatch: "\"0123456789abcdef\""])
                #expect(stale.status == .ok)
            }
        }
    }

    @Test func commitChecksTheIntent() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                let intent = try await FlowSteps.heldIntent(public: publicClient, confirm: client, userId: "u-check",
                                                            eventId: "evt-0001", seatIds: ["S01-00007"])
                let unknown = try await FlowSteps.commit(client, key: "commit-" + UUID().uuidString,
                                                         intentId: UUID().uuidString, userId: "u-check",
                                                         eventId: "evt-0001", seatIds: ["S01-00007"])
                #expect(unknown.status == .notFound)
                #expect(try FlowSteps.decode(Problem.self, unknown).code == .intentNotFound)
                let mismatch = try await FlowSteps.commit(client, key: "commit-" + UUID().uuidString,
                                                          intentId: intent.intentId, userId: "u-check",
                                                          eventId: "evt-0001", seatIds: ["S01-00008"])
                #expect(mismatch.status == .conflict)
                #expect(try FlowSteps.decode(Problem.self, mismatch).code == .intentMismatch)
                let messages = try await stack.sqs.receiveMessages(queueUrl: queue, maxMessages: 10, waitTimeSeconds: 0)
                #expect(messages.isEmpty)
            }
        }
    }
}
