import Logging
import Ticketing

/// Sends the commits the worker parked for an intent back to the queue once its payment is
/// decided, so an approval confirms (and a decline rejects) within one queue round trip. Best
/// effort by design: the worker's sweep decides every parked commit whose payment is no longer
/// pending, so a lost wake-up only costs its sweep interval, never the order.
struct ParkedCommitWake: Sendable {
    let queue: CommitQueue
    let logger: Logger

    func wake(_ parked: [CommitMessage]) async {
        for message in parked {
            do {
                try await queue.send(message, deduplicationId: message.paymentDecidedDeduplicationId)
            } catch {
                logger.warning("could not wake a parked commit; the worker's sweep decides it",
                               metadata: ["idem": "\(message.idem)", "error": "\(error)"])
            }
        }
    }
}
