/// The read/diff pass shared by `plan`, `up`, `diff` and `down`: walks the selected resources
/// (and the ones they need) dependencies first, reads each one, compares it, and lists orphans.
/// Nothing here mutates; `up` acts on exactly what this computes.
struct Planner: Sendable {
    enum Mode: Sendable {
        case apply
        case destroy
    }

    let stack: String
    let options: EngineOptions
    let events: EventSink

    struct Result: Sendable {
        var nodes: [ResourceAddress: NodePlan]
        var orphans: [OrphanNode]
        /// Every failure: reads, listings and refusals.
        var failures: [ResourceFailure]
        /// The refusals alone (see `validate`): `up` and `down` act on nothing when there is one.
        var refusals: [ResourceFailure]
        var plan: Plan

        /// Resources whose read failed (or waited on one that did), with why.
        var unread: [ResourceAddress: ResourceFailure]
        /// The resources of the selected stages.
        var selected: Set<ResourceAddress>
    }

    func run(_ graph: ResourceGraph, selection: StageSelection, mode: Mode) async -> Result {
        let selected = Set(graph.order.filter { selection.contains($0.stage) })
        let guardians = mode == .destroy ? graph.transitiveDependents(of: selected) : []
        let readOnly = graph.transitiveDependencies(of: selected.union(guardians)).subtracting(selected)
        let members = selected.union(guardians).union(readOnly)
        let order = graph.order.filter(members.contains)
        let walk = GraphWalk(
            order: order, prerequisites: graph.dependencies.filter { members.contains($0.key) },
            limitPerRegion: options.concurrencyPerRegion, revisit: options.readRevisit)
        let board = OutputBoard()
        let stack = stack, options = options, events = events
        async let orphanScan = OrphanScan(stack: stack, sweeps: graph.sweeps, revisit: options.readRevisit)
            .run(selection: selection, graph: graph)
        let outcomes = await walk.run { address in
            let role: NodePlan.Role =
                selected.contains(address) ? .managed : guardians.contains(address) ? .guardian : .readOnly
            let context = ResourceContext(
                stack: stack, address: address, phase: .plan,
                dependencyOutputs: await board.outputs(of: graph.dependencies(of: address)),
                events: events, waitPolicy: options.waitPolicy, extraTags: options.extraTags)
            let node = try await Self.plan(graph.resources[address]!, role: role, mode: mode, context: context)
            await board.set(address, node.outputs)
            return node
        }
        var result = Result(nodes: [:], orphans: [], failures: [], refusals: [], plan: Plan(regions: []), unread: [:], selected: selected)
        for address in order {
            switch outcomes[address]! {
            case let .succeeded(node):
                result.nodes[address] = node
                if let failure = Self.validate(node, mode: mode) {
                    result.failures.append(failure)
                    result.refusals.append(failure)
                }
            case let .failed(error):
                result.unread[address] = ResourceFailure(address: address, error: error)
                result.failures.append(result.unread[address]!)
            case let .skipped(reason):
                result.unread[address] = ResourceFailure(address: address, message: "not read: \(reason)")
                result.failures.append(result.unread[address]!)
            }
            if mode == .destroy, guardians.contains(address), let failure = result.unread[address] {
                // Unread, it may still use what would be deleted: as unsafe as one known to.
                result.refusals.append(failure)
            }
        }
        switch await orphanScan {
        case let .success(orphans): result.orphans = orphans
        case let .failure(listing): result.failures += listing.failures
        }
        // Orphans are actions only when this run deletes them; `drift` reads them from `orphans`.
        let deletedOrphans = mode == .destroy || options.deleteOrphans ? result.orphans : []
        result.plan = Self.assemble(
            order: order, nodes: result.nodes, orphans: deletedOrphans, stack: stack, teardown: mode == .destroy)
        return result
    }

    /// Refusals found while planning: a needed resource outside the selection is missing, or a
    /// resource outside the selection still uses what `down` would delete.
    private static func validate(_ node: NodePlan, mode: Mode) -> ResourceFailure? {
        switch node.role {
        case .managed:
            return nil
        case .readOnly:
            // Only `up` needs read-only dependencies to exist; `down` tolerates them missing.
            guard mode == .apply, node.action == .create else { return nil }
            return ResourceFailure(
                address: node.address,
                message: "needed by the selected stages but does not exist; include stage \(node.address.stage.slug)")
        case .guardian:
            guard node.exists else { return nil }
            return ResourceFailure(
                address: node.address,
                message: "still exists and depends on a resource being deleted; run down for stage \(node.address.stage.slug) first")
        }
    }

    private static func plan(
        _ resource: any Resource, role: NodePlan.Role, mode: Mode, context: ResourceContext
    ) async throws -> NodePlan {
        try await planOpened(resource, role: role, mode: mode, context: context)
    }

    private static func planOpened<R: Resource>(
        _ resource: R, role: NodePlan.Role, mode: Mode, context: ResourceContext
    ) async throws -> NodePlan {
        let live = try await resource.read(context)
        let known: PlannedOutputs = live.map { .known(resource.recordedOutputs($0)) } ?? .knownAfterApply
        guard role == .managed else {
            return NodePlan(
                address: resource.address, role: role, live: live, diff: nil,
                action: live == nil ? .create : .noop, outputs: known)
        }
        if mode == .destroy {
            return NodePlan(
                address: resource.address, role: role, live: live, diff: nil,
                action: live == nil ? .noop : .delete, outputs: known)
        }
        var diff = ResourceDiff(liveExists: live != nil)
        try resource.diff(live, into: &diff, context: context)
        let action = diff.action
        let outputs: PlannedOutputs = action == .create || action == .replace ? .knownAfterApply : known
        return NodePlan(address: resource.address, role: role, live: live, diff: diff, action: action, outputs: outputs)
    }

    /// Per region: orphan deletions first (later stages first), then the graph in execution order.
    private static func assemble(
        order: [ResourceAddress], nodes: [ResourceAddress: NodePlan], orphans: [OrphanNode], stack: String,
        teardown: Bool
    ) -> Plan {
        var actions: [RegionName: [PlannedAction]] = [:]
        let sortedOrphans = orphans.sorted { ($0.address.stage, $0.address) > ($1.address.stage, $1.address) }
        for orphan in sortedOrphans {
            actions[orphan.address.region, default: []].append(
                PlannedAction(
                    address: orphan.address, kind: .delete,
                    note: "orphan \(orphan.resource.id): tagged tps:stack=\(stack) but not described by the stack"))
        }
        let managed = order.compactMap { nodes[$0] }.filter { $0.role == .managed }
        for node in teardown ? managed.reversed() : managed {
            let diff = node.diff
            let changes = node.action == .create ? diff?.fields ?? [] : diff?.changes ?? []
            actions[node.address.region, default: []].append(
                PlannedAction(
                    address: node.address, kind: node.action, changes: changes,
                    replaceReasons: diff?.replaceReasons ?? []))
        }
        return Plan(regions: actions.map { RegionPlan(region: $0.key, actions: $0.value) })
    }
}
