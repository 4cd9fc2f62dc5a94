import E2EScenario
import Stack

/// What one request of the seed's mix costs each part of the system, from the load bot's own
/// weights (`LoadRequestKind`), so `tpsctl capacity` plans for exactly the traffic `tpsctl load`
/// sends. A purchase counts as one request of the mix but is enter + hold on public-api,
/// payment-intent + commit + the provider's callback on confirm-api, and one commit for the worker.
public struct TrafficMix: Sendable, Equatable {
    /// Share (0…1) of the mix per kind.
    public let shares: [LoadRequestKind: Double]

    public init(shares: [LoadRequestKind: Double]) {
        self.shares = shares
    }

    /// The seed's mix: 70 % public reads, 20 % confirm-api replays and polls, 10 % purchases.
    public static let seed = TrafficMix(shares: Dictionary(uniqueKeysWithValues: LoadRequestKind.allCases.map {
        ($0, Double($0.weight) / 100)
    }))

    /// Requests public-api gets per request of the mix.
    public var publicRequests: Double {
        share(.summary) + share(.roomStatus) + share(.seats) + share(.purchase) * Self.publicCallsPerPurchase
    }

    /// Requests confirm-api gets per request of the mix.
    public var confirmRequests: Double {
        share(.intentReplay) + share(.statusPoll) + share(.purchase) * Self.confirmCallsPerPurchase
    }

    /// Commits the worker decides per request of the mix.
    public var commits: Double { share(.purchase) }

    /// What each service handles per request of the mix (requests, or commits for the worker).
    public func load(on service: ServiceName) -> Double {
        switch service {
        case .publicAPI: publicRequests
        case .confirmAPI: confirmRequests
        case .confirmWorker: commits
        }
    }

    public func share(_ kind: LoadRequestKind) -> Double { shares[kind] ?? 0 }

    /// POST /public/enter and POST /public/hold.
    public static let publicCallsPerPurchase = 2.0
    /// POST /confirm/payment-intent, POST /confirm/commit and the provider's webhook.
    public static let confirmCallsPerPurchase = 3.0
}
