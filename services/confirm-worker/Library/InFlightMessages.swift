import AWSClient
import NIOConcurrencyHelpers

/// The messages of the current batch, for the visibility heartbeat: a batch is settled as a
/// whole once its slowest group is done, so a finished message of a fast group stays in flight
/// until then and must not time out and reach another worker meanwhile.
final class InFlightMessages: Sendable {
    private let handles = NIOLockedValueBox<[String: String]>([:])

    func add(_ message: SQS.ReceivedMessage) {
        handles.withLockedValue { $0[message.messageId] = message.receiptHandle }
    }

    var receiptHandles: [String] { handles.withLockedValue { Array($0.values) } }
}
