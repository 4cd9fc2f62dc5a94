import FoundationEssentials
import Logging
import Ticketing

/// `POST /confirm/commit`: checks the intent exists and matches (fast, clear 404/409 instead of
/// a rejected order later), records the key, then sends `CommitMessage` to the FIFO queue. It is
/// accepted (202) whether or not the payment is approved yet: the worker parks an unpaid commit
/// until the approval callback or the intent's expiry decides it. A
/// replay of a commit the worker has not decided yet is sent again: if the first send was lost
/// the replay repairs it, and if it was not, SQS deduplication (and the worker's unique idem)
/// make the second one harmless.
struct Commits: Sendable {
    struct Outcome: Sendable {
        let accepted: CommitAccepted
        let replayed: Bool
    }

    let store: CommitRequestStore
    let queue: CommitQueue
    let logger: Logger

    /// `request` is already checked against the caller's room token.
    func commit(idem: String, request: CommitRequest, now: Date = Date()) async throws -> Outcome {
        let fingerprint = try request.fingerprint()
        let message = CommitMessage(idem: idem, request: request)
        if let stored = try await store.find(idem: idem) {
            return try await replay(stored, fingerprint, message)
        }
        guard let intentId = UUID(uuidString: request.intentId), let intent = try await store.intent(intentId) else {
            throw Problem(.intentNotFound, detail: "no payment intent \(request.intentId)")
        }
        guard intent.userId == request.userId, intent.eventId == request.eventId,
              intent.seatIds.sorted() == request.seatIds.sorted() else {
            throw Problem(.intentMismatch, detail: "the intent is for other seats, event or user")
        }
        guard intent.expiresAt > now else {
            throw Problem(.intentExpired, detail: "the intent expired at \(intent.expiresAt.formatted(.iso8601))")
        }
        guard try await store.insert(idem: idem, fingerprint: fingerprint, request: request, intentId: intentId) else {
            guard let stored = try await store.find(idem: idem) else {
                throw Problem(.idempotencyInProgress, detail: "retry once the first request has finished")
            }
            return try await replay(stored, fingerprint, message)
        }
        do {
            try await send(message)
        } catch {
            do {
                try await store.remove(idem: idem)
            } catch {
                logger.error("could not forget an unsent commit; a retry replays it and resends",
                             metadata: ["idem": "\(idem)", "error": "\(error)"])
            }
            throw error
        }
        return Outcome(accepted: CommitAccepted(idem: idem), replayed: false)
    }

    private func replay(_ stored: CommitRequestStore.Stored, _ fingerprint: RequestFingerprint,
                        _ message: CommitMessage) async throws -> Outcome {
        let decision = IdempotencyDecision.decide(
            stored: IdempotencyRecord(fingerprint: stored.fingerprint, outcome: stored.decided), incoming: fingerprint)
        guard case .replay(let decided) = decision else { throw decision.problem ?? Problem(.idempotencyKeyReused) }
        if !decided { try await send(message) }
        return Outcome(accepted: CommitAccepted(idem: message.idem), replayed: true)
    }

    private func send(_ message: CommitMessage) async throws {
        try await queue.send(message, deduplicationId: message.messageDeduplicationId)
    }
}
