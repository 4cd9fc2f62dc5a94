/// Runs work over a DAG: a node starts once all its prerequisites succeeded, at most `limit`
/// nodes per region at a time, every region in the same task group. A failure skips the nodes
/// that need it (transitively) but lets independent and in-flight work finish; cancellation
/// stops scheduling and lets in-flight work end. Both `up` (dependencies first) and teardown
/// (dependents first) are walks; they differ only in their prerequisites.
/// Nodes left unstarted by an interrupt are skipped with ``interruptedReason``. A node whose
/// failure `revisit` allows goes back in the queue (its dependents keep waiting) and is tried
/// again when the walk reaches it again.
struct GraphWalk: Sendable {
    /// Nodes in priority order (a topological order of `prerequisites`).
    let order: [ResourceAddress]
    let prerequisites: [ResourceAddress: [ResourceAddress]]
    let limitPerRegion: Int
    var revisit: RevisitPolicy = .never

    enum Outcome<Value: Sendable>: Sendable {
        case succeeded(Value)
        case failed(any Error)
        case skipped(String)

        var succeeded: Bool {
            if case .succeeded = self { return true }
            return false
        }
    }

    func run<Value: Sendable>(
        _ work: @escaping @Sendable (ResourceAddress) async throws -> Value
    ) async -> [ResourceAddress: Outcome<Value>] {
        var outcomes: [ResourceAddress: Outcome<Value>] = [:]
        var waiting = order
        var inFlight: [RegionName: Int] = [:]
        var running = 0
        var revisits: [ResourceAddress: Int] = [:]
        let pause = revisit.pause
        await withTaskGroup(of: (ResourceAddress, Outcome<Value>).self) { group in
            while true {
                let stopScheduling = Task.isCancelled
                var stillWaiting: [ResourceAddress] = []
                for node in waiting {
                    let needs = prerequisites[node] ?? []
                    if let blocker = needs.first(where: { outcomes[$0].map { !$0.succeeded } ?? false }) {
                        outcomes[node] = .skipped(skipReason(blockedBy: blocker, outcome: outcomes[blocker]!))
                        continue
                    }
                    let ready = needs.allSatisfy { outcomes[$0] != nil }
                    guard ready, !stopScheduling, inFlight[node.region, default: 0] < limitPerRegion else {
                        stillWaiting.append(node)
                        continue
                    }
                    inFlight[node.region, default: 0] += 1
                    running += 1
                    let revisited = revisits[node, default: 0]
                    group.addTask {
                        if revisited > 0 { try? await Task.sleep(for: pause * revisited) }
                        // Shielded from cancellation: an interrupt stops scheduling, but a started
                        // step runs to its end, so what it created is also recorded.
                        let step = Task { try await work(node) }
                        do { return (node, .succeeded(try await step.value)) } catch { return (node, .failed(error)) }
                    }
                }
                waiting = stillWaiting
                guard running > 0, let (node, outcome) = await group.next() else { break }
                running -= 1
                inFlight[node.region, default: 1] -= 1
                if case let .failed(error) = outcome, revisit.allows(error, after: revisits[node, default: 0]) {
                    revisits[node, default: 0] += 1
                    waiting.append(node)
                    continue
                }
                outcomes[node] = outcome
            }
        }
        for node in waiting where outcomes[node] == nil {
            outcomes[node] = .skipped(Task.isCancelled ? Self.interruptedReason : "not scheduled")
        }
        return outcomes
    }

    static let interruptedReason = "interrupted before it started"

    private func skipReason<Value>(blockedBy blocker: ResourceAddress, outcome: Outcome<Value>) -> String {
        if case let .skipped(reason) = outcome { return reason }
        return "\(blocker) failed"
    }
}
