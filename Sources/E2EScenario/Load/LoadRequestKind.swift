/// The request mix of the seed's load test: 70% public reads, 20% confirm-api intent/commit
/// traffic, 10% purchases that reach the worker. Weights are percentages and sum to 100.
public enum LoadRequestKind: String, Sendable, CaseIterable, Codable {
    /// GET /public/summary — the cache-first hot path.
    case summary
    /// GET /public/room-status — waiting-room polling.
    case roomStatus = "room-status"
    /// GET /public/seats/{eventId}.
    case seats
    /// POST /confirm/payment-intent replayed with a known key (200 + X-Idempotent-Replay).
    case intentReplay = "intent-replay"
    /// GET /confirm/status of a known commit, with If-None-Match (304 when unchanged).
    case statusPoll = "status-poll"
    /// hold → payment-intent → commit on a free seat: the worker path.
    case purchase

    public var weight: Int {
        switch self {
        case .summary: 50
        case .roomStatus: 15
        case .seats: 5
        case .intentReplay: 10
        case .statusPoll: 10
        case .purchase: 10
        }
    }

    /// Picks a kind for a uniform number in 0..<100 (deterministic given the number).
    public static func pick(_ roll: Int) -> LoadRequestKind {
        var bound = 0
        for kind in allCases {
            bound += kind.weight
            if roll < bound { return kind }
        }
        return .summary
    }
}
