/// `down`: read everything selected (and what depends on it), refuse if a resource outside the
/// selection still uses something selected, delete dependents first with the waits AWS needs,
/// then list by tag and report whatever is left. A resource that could not be read fails with
/// its read's error and holds back only what must be deleted after it.
struct Destroyer: Sendable {
    let stack: String
    let options: EngineOptions
    let events: EventSink
    let store: StateStore

    func run(_ graph: ResourceGraph, selection: StageSelection) async -> DestroyReport {
        let planned = await Planner(stack: stack, options: options, events: events)
            .run(graph, selection: selection, mode: .destroy)
        guard planned.refusals.isEmpty else {
            return DestroyReport(plan: planned.plan, outcomes: [:], failures: planned.failures, leftovers: [])
        }
        var targets: [ResourceAddress: Teardown.Target] = [:]
        for node in planned.nodes.values where node.role == .managed {
            targets[node.address] = .managed(graph.resources[node.address]!, live: node.live)
        }
        for (address, failure) in planned.unread where planned.selected.contains(address) {
            targets[address] = .unread(failure)
        }
        for orphan in planned.orphans { targets[orphan.address] = .orphan(orphan) }
        let results = await Teardown(stack: stack, options: options, events: events, store: store)
            .run(graph: graph, targets: targets, outputs: Applier.liveOutputs(graph: graph, nodes: planned.nodes))
        var outcomes: [ResourceAddress: ResourceOutcome] = [:]
        // Read and listing failures are reported as planning found them (naming the call and error).
        var failures = planned.failures
        for (address, result) in results {
            let unread = planned.unread[address]
            switch result {
            case let .succeeded(outcome):
                outcomes[address] = outcome
            case let .failed(error):
                let failure = unread ?? ResourceFailure(address: address, error: error)
                if unread == nil { failures.append(failure) }
                outcomes[address] = .failed(failure.message)
            case .skipped where unread != nil:
                outcomes[address] = .failed(unread!.message)
            case let .skipped(reason):
                outcomes[address] = .skipped(reason)
                events.emit(.skipped(address, reason: reason))
            }
        }
        let (leftovers, sweepFailures) = await sweep(graph, selection: selection)
        failures += sweepFailures
        await dropEnvironmentOfEmptyRegions(Set(targets.keys.map(\.region)))
        return DestroyReport(
            plan: planned.plan, outcomes: outcomes, failures: failures.sorted { $0.address < $1.address },
            leftovers: leftovers)
    }

    /// Everything still tagged with the stack in the selected stages.
    private func sweep(_ graph: ResourceGraph, selection: StageSelection) async -> ([TaggedResource], [ResourceFailure]) {
        var leftovers: [TaggedResource] = []
        var failures: [ResourceFailure] = []
        for (sweep, result) in await OrphanScan(stack: stack, sweeps: graph.sweeps, revisit: options.readRevisit)
            .list(selection: selection)
        {
            switch result {
            case let .success(resources):
                leftovers += resources.filter { $0.claimedAddress.map { selection.contains($0.stage) } ?? true }
            case let .failure(error):
                failures.append(ResourceFailure(address: sweep.address, error: error))
            }
        }
        for leftover in leftovers { events.emit(.orphan(leftover)) }
        return (leftovers.sorted { $0.description < $1.description }, failures)
    }

    private func dropEnvironmentOfEmptyRegions(_ regions: Set<RegionName>) async {
        for region in regions {
            guard let outputs = try? await store.outputs(region: region), outputs.outputs.isEmpty else { continue }
            try? await store.removeEnvironment(region: region)
        }
    }
}
