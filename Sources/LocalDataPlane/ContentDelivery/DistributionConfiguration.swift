import Synchronization

/// What a distribution's connections read at each request: its compiled behaviours and
/// identity. Discovery replaces it whole, so a configuration change applies to the next
/// request without a restart; the cache outlives replacements (as CloudFront's does).
final class DistributionConfiguration: Sendable {
    struct Snapshot: Sendable {
        var routes: DistributionRoutes
        /// `d111111abcdef8.cloudfront.net`: what Via names.
        var domainName: String
    }

    let cache: EdgeCache
    let connections = OpenConnections()
    private let current: Mutex<Snapshot>

    init(_ snapshot: Snapshot, cacheBudgetBytes: Int) {
        current = Mutex(snapshot)
        cache = EdgeCache(budgetBytes: cacheBudgetBytes)
    }

    var snapshot: Snapshot { current.withLock { $0 } }

    func replace(_ snapshot: Snapshot) {
        current.withLock { $0 = snapshot }
    }
}
