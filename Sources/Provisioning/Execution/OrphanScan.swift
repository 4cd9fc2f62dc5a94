/// Lists, per kind swept in the selected stages, the tagged objects the graph does not describe.
struct OrphanScan: Sendable {
    let stack: String
    let sweeps: [KindSweep]
    /// How a listing that failed for a transient reason is tried again.
    let revisit: RevisitPolicy

    func run(selection: StageSelection, graph: ResourceGraph) async -> Result<[OrphanNode], ListingFailures> {
        let listed = await list(selection: selection)
        var orphans: [OrphanNode] = []
        var failures: [ResourceFailure] = []
        for (sweep, outcome) in listed {
            switch outcome {
            case let .success(resources):
                for resource in resources {
                    let claimed = resource.claimedAddress
                    if let claimed, graph.resources[claimed] != nil { continue }
                    if let claimed, !selection.contains(claimed.stage) { continue }
                    orphans.append(OrphanNode(sweep: sweep, resource: resource))
                }
            case let .failure(error):
                failures.append(ResourceFailure(address: sweep.address, error: error))
            }
        }
        return failures.isEmpty ? .success(orphans) : .failure(ListingFailures(failures: failures))
    }

    /// Every tagged object of the selected stages' kinds, claimed by the graph or not.
    func list(selection: StageSelection) async -> [(KindSweep, Result<[TaggedResource], any Error>)] {
        let chosen = sweeps.enumerated().filter { selection.contains($0.element.stage) }
        let stack = stack, revisit = revisit
        return await withTaskGroup(of: (Int, Result<[TaggedResource], any Error>).self) { group in
            for (index, sweep) in chosen {
                group.addTask { (index, await Self.listTagged(sweep, stack: stack, revisit: revisit)) }
            }
            var results: [Int: Result<[TaggedResource], any Error>] = [:]
            for await (index, result) in group { results[index] = result }
            return chosen.map { ($0.element, results[$0.offset]!) }
        }
    }

    /// One kind's listing; a transient failure is tried again as the graph walk revisits a read.
    private static func listTagged(
        _ sweep: KindSweep, stack: String, revisit policy: RevisitPolicy
    ) async -> Result<[TaggedResource], any Error> {
        var revisits = 0
        while true {
            do { return .success(try await sweep.listTagged(stack: stack)) } catch {
                guard policy.allows(error, after: revisits) else { return .failure(error) }
                revisits += 1
                try? await Task.sleep(for: policy.pause * revisits)
            }
        }
    }
}

/// The kinds whose listing failed.
struct ListingFailures: Error {
    let failures: [ResourceFailure]
}
