import FoundationEssentials
import Synchronization

/// Room tokens this process has already verified, by their exact text. A user sends the same
/// token with every request, and checking its MAC and decoding its claims each time was 14 % of
/// a hold (issue 14's profile of public-api under wrk). Only a token whose MAC verified is kept,
/// in the cache of the `RoomTokenCheck` (and so the key) that verified it, so the same text needs
/// no second proof; its age is still checked on every request. Bounded: when full it starts over.
public final class VerifiedRoomTokens: Sendable {
    private let claims = Mutex<[String: RoomToken]>([:])
    let capacity: Int

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
    }

    func lookup(_ token: String) -> RoomToken? {
        claims.withLock { $0[token] }
    }

    func remember(_ token: String, _ verified: RoomToken) {
        claims.withLock { known in
            if known.count >= capacity { known.removeAll(keepingCapacity: true) }
            known[token] = verified
        }
    }
}
