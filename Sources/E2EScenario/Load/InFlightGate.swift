/// Counts outstanding requests so the open-loop sender can refuse (and report) a request
/// instead of queueing it when the client itself is the bottleneck.
actor InFlightGate {
    private let limit: Int
    private var current = 0

    init(limit: Int) { self.limit = limit }

    func tryEnter() -> Bool {
        guard current < limit else { return false }
        current += 1
        return true
    }

    func leave() { current -= 1 }
}
