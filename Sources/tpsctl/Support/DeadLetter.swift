import AWSClient
import Foundation
import struct Ticketing.CommitMessage

/// One message of the commit DLQ as an operator sees it: SQS's bookkeeping and the commit's
/// identity (idempotency key, intent, event, seats, user) — never the raw body, which could
/// carry anything a sender put there.
struct DeadLetter: Sendable, Equatable {
    let messageId: String
    let groupId: String?
    let sent: Date?
    /// ApproximateReceiveCount, this listing's own receive included.
    let receiveCount: Int
    /// nil: the body is not a valid CommitMessage (the worker would call it poison); its
    /// fields are then not shown, as they could be anything.
    let commit: CommitMessage?
    let bodyBytes: Int

    init(_ message: SQS.ReceivedMessage) {
        messageId = message.messageId
        groupId = message.groupId
        sent = message.sentMilliseconds.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        receiveCount = message.receiveCount
        let decoded = try? JSONDecoder().decode(CommitMessage.self, from: Data(message.body.utf8))
        commit = decoded.flatMap { $0.validationProblems().isEmpty ? $0 : nil }
        bodyBytes = message.body.utf8.count
    }

    var sentText: String {
        sent.map { $0.formatted(.iso8601) } ?? "-"
    }

    var json: JSONValue {
        var document: [String: JSONValue] = [
            "messageId": .string(messageId), "messageGroupId": groupId.map { .string($0) } ?? .null,
            "sentTimestamp": sent.map { .string($0.formatted(.iso8601)) } ?? .null,
            "approximateReceiveCount": .number(Double(receiveCount)),
        ]
        if let commit {
            document["commit"] = .object([
                "idem": .string(commit.idem), "intentId": .string(commit.payload.intentId),
                "eventId": .string(commit.payload.eventId), "userId": .string(commit.payload.userId),
                "seatIds": .array(commit.payload.seatIds.map { .string($0) }),
            ])
        } else {
            document["commit"] = .null
            document["bodyBytes"] = .number(Double(bodyBytes))
        }
        return .object(document)
    }
}
