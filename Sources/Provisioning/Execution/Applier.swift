/// `up`: plan, then delete what must go (replacements, orphans), then walk the graph
/// dependencies first: read → diff → act → wait → record for each resource. A resource that
/// could not be read fails with its read's error and only what depends on it is skipped;
/// a refusal found while planning stops everything.
struct Applier: Sendable {
    let stack: String
    let options: EngineOptions
    let events: EventSink
    let store: StateStore

    func run(
        _ graph: ResourceGraph, selection: StageSelection, environment: EnvironmentProjection?
    ) async -> ApplyReport {
        let planned = await Planner(stack: stack, options: options, events: events)
            .run(graph, selection: selection, mode: .apply)
        guard planned.refusals.isEmpty else {
            return ApplyReport(plan: planned.plan, outcomes: [:], failures: planned.failures)
        }
        var outcomes: [ResourceAddress: ResourceOutcome] = [:]
        let unread = planned.unread
        // Read and listing failures are reported as planning found them (naming the call and error).
        var failures = planned.failures

        // Deletions first: replaced resources and orphans, dependents before dependencies.
        var targets: [ResourceAddress: Teardown.Target] = [:]
        for node in planned.nodes.values where node.role == .managed && node.action == .replace {
            targets[node.address] = .managed(graph.resources[node.address]!, live: node.live)
        }
        if options.deleteOrphans {
            for orphan in planned.orphans { targets[orphan.address] = .orphan(orphan) }
        }
        let deletions = await Teardown(stack: stack, options: options, events: events, store: store)
            .run(graph: graph, targets: targets, outputs: Self.liveOutputs(graph: graph, nodes: planned.nodes))
        var failedDeletions: Set<ResourceAddress> = []
        for (address, outcome) in deletions {
            switch outcome {
            case .succeeded:
                if targets[address]!.isOrphan { outcomes[address] = .deleted }
            case let .failed(error):
                failures.append(ResourceFailure(address: address, error: error))
                outcomes[address] = .failed(ResourceFailure(address: address, error: error).message)
                failedDeletions.insert(address)
            case let .skipped(reason):
                outcomes[address] = .skipped(reason)
                failedDeletions.insert(address)
            }
        }

        // Then the graph, dependencies first. Read-only dependencies are already known.
        // Selected resources that could not be read join the walk to fail there, so their dependents are skipped.
        let managed = graph.order.filter {
            planned.nodes[$0]?.role == .managed || (unread[$0] != nil && planned.selected.contains($0))
        }
        let members = Set(managed)
        let board = OutputBoard(planned.nodes.filter { $0.value.role == .readOnly }.mapValues(\.outputs))
        for address in targets.keys where !targets[address]!.isOrphan { await board.markChanged(address) }
        let walk = GraphWalk(
            order: managed,
            prerequisites: Dictionary(uniqueKeysWithValues: managed.map { ($0, graph.dependencies(of: $0).filter(members.contains)) }),
            limitPerRegion: options.concurrencyPerRegion)
        let stack = stack, options = options, events = events, store = store
        let nodes = planned.nodes
        let notRecreated = failedDeletions
        let results = await walk.run { address in
            guard !notRecreated.contains(address) else {
                throw ResourceFailure(address: address, message: "not re-created: its deletion did not complete")
            }
            if let failure = unread[address] { throw failure }
            let dependencies = graph.dependencies(of: address)
            let context = ResourceContext(
                stack: stack, address: address, phase: .apply,
                dependencyOutputs: await board.outputs(of: dependencies),
                events: events, waitPolicy: options.waitPolicy, extraTags: options.extraTags)
            let upstreamChanged = await board.anyChanged(dependencies)
            let reusable = nodes[address]!.action == .noop && !upstreamChanged
            let step = Step(resource: graph.resources[address]!, planned: reusable ? nodes[address] : nil)
            let stepName = reusable ? "check" : nodes[address]!.action.rawValue
            let result = try await StepTracker(events: events).run(address, step: stepName) {
                let result = try await step.apply(context: context, store: store, stack: stack)
                await board.set(address, .known(result.outputs), changed: result.outcome != .unchanged)
                return result.outcome
            }
            return result
        }
        for address in managed {
            switch results[address]! {
            case let .succeeded(outcome):
                outcomes[address] = targets[address] != nil && outcome == .created ? .replaced : outcome
            case let .failed(error):
                let failure = ResourceFailure(address: address, error: error)
                if !failedDeletions.contains(address), unread[address] == nil { failures.append(failure) }
                outcomes[address] = .failed(failure.message)
            case .skipped where unread[address] != nil:
                outcomes[address] = .failed(unread[address]!.message)
            case let .skipped(reason):
                outcomes[address] = .skipped(reason)
                events.emit(.skipped(address, reason: reason))
            }
        }
        if let environment {
            failures += await writeEnvironment(environment, regions: Set(managed.map(\.region)))
        }
        return ApplyReport(plan: planned.plan, outcomes: outcomes, failures: failures.sorted { $0.address < $1.address })
    }

    /// Outputs of every node that was found live during planning (for deletion contexts).
    static func liveOutputs(graph: ResourceGraph, nodes: [ResourceAddress: NodePlan]) -> [ResourceAddress: PlannedOutputs] {
        var outputs: [ResourceAddress: PlannedOutputs] = [:]
        for (address, node) in nodes {
            outputs[address] = node.live.map { Self.outputs(of: graph.resources[address]!, live: $0) } ?? .knownAfterApply
        }
        return outputs
    }

    private static func outputs(of resource: any Resource, live: any Sendable) -> PlannedOutputs {
        func opened<R: Resource>(_ resource: R) -> PlannedOutputs { .known(resource.recordedOutputs(live as! R.Live)) }
        return opened(resource)
    }

    private func writeEnvironment(_ projection: EnvironmentProjection, regions: Set<RegionName>) async -> [ResourceFailure] {
        var failures: [ResourceFailure] = []
        for region in regions.sorted() where region != .global {
            let address = ResourceAddress(region: region, stage: .network, kind: "environment", name: ".env.generated")
            do {
                let section = try projection(try await store.outputs(region: region))
                try await store.writeEnvironment(section)
            } catch {
                failures.append(ResourceFailure(address: address, error: error))
            }
        }
        return failures
    }
}

/// One resource's apply step: read → diff → act → wait → record.
struct Step: Sendable {
    let resource: any Resource
    /// The plan's read and diff, reused when nothing upstream changed since planning.
    let planned: NodePlan?

    struct Result: Sendable {
        let outcome: ResourceOutcome
        let outputs: ResourceOutputs
    }

    func apply(context: ResourceContext, store: StateStore, stack: String) async throws -> Result {
        try await applyOpened(resource, context: context, store: store, stack: stack)
    }

    private func applyOpened<R: Resource>(
        _ resource: R, context: ResourceContext, store: StateStore, stack: String
    ) async throws -> Result {
        var live: R.Live?
        var diff: ResourceDiff
        if let planned, let plannedDiff = planned.diff {
            live = planned.live.map { $0 as! R.Live }
            diff = plannedDiff
        } else {
            live = try await resource.read(context)
            diff = ResourceDiff(liveExists: live != nil)
            try resource.diff(live, into: &diff, context: context)
        }
        let outcome: ResourceOutcome
        var current: R.Live
        switch (diff.action, live) {
        case (.noop, let existing?):
            current = existing
            outcome = .unchanged
        case (.update, let existing?):
            current = try await resource.update(existing, changes: diff.changes, context: context)
            outcome = .updated(diff.changes.map(\.field))
        case (.replace, let existing?):
            try await resource.delete(existing, context: context)
            try await resource.waitUntilGone(existing, context: context)
            current = try await resource.create(context)
            outcome = .replaced
        default:
            current = try await resource.create(context)
            outcome = .created
        }
        current = try await resource.waitUntilReady(current, context: context)
        let outputs = resource.recordedOutputs(current)
        try await store.record(context.address, stack: stack, outputs: outputs, applied: diff.desiredValues)
        return Result(outcome: outcome, outputs: outputs)
    }
}
