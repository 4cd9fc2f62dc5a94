import AWSClient
import NIOConcurrencyHelpers

/// The messages of the current batch that are still being worked on, for the visibility
/// heartbeat: only those are extended, so a finished message is never touched after deletion.
final class InFlightMessages: Sendable {
    private let handles = NIOLockedValueBox<[String: String]>([:])

    func add(_ message: SQS.ReceivedMessage) {
        handles.withLockedValue { $0[message.messageId] = message.receiptHandle }
    }

    func remove(_ message: SQS.ReceivedMessage) {
        handles.withLockedValue { $0[message.messageId] = nil }
    }

    var receiptHandles: [String] { handles.withLockedValue { Array($0.values) } }
}
