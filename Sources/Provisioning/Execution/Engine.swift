/// The entry point the CLI uses: `plan`, `up` (apply), `diff` (drift), `down` (destroy) over a
/// validated resource graph, for a stack, recording into a state store. Every command starts
/// with the same read/diff pass, so what `plan` prints is what `up` does.
public struct Engine: Sendable {
    public let stack: String
    public let store: StateStore
    public let options: EngineOptions
    public let events: EventSink

    public init(stack: String, store: StateStore, options: EngineOptions = .init(), events: EventSink = .discard) {
        self.stack = stack
        self.store = store
        self.options = options
        self.events = events
    }

    /// What `up` would do. Throws `PlanFailed` when a read fails or the selection needs a stage
    /// that does not exist yet.
    public func plan(_ graph: ResourceGraph, selection: StageSelection = .all) async throws -> Plan {
        let result = await planner.run(graph, selection: selection, mode: .apply)
        guard result.failures.isEmpty else { throw PlanFailed(failures: result.failures) }
        return result.plan
    }

    /// Applies the selected stages. Never throws for resource failures: they are all in the
    /// report (the CLI exits non-zero when `succeeded` is false). `environment` builds each
    /// region's `.env.generated` section from the recorded outputs afterwards.
    public func apply(
        _ graph: ResourceGraph, selection: StageSelection = .all, environment: EnvironmentProjection? = nil
    ) async -> ApplyReport {
        await Applier(stack: stack, options: options, events: events, store: store)
            .run(graph, selection: selection, environment: environment)
    }

    /// What `down` would delete, in order (for the confirmation prompt).
    public func planDestroy(_ graph: ResourceGraph, selection: StageSelection = .all) async throws -> Plan {
        let result = await planner.run(graph, selection: selection, mode: .destroy)
        guard result.failures.isEmpty else { throw PlanFailed(failures: result.failures) }
        return result.plan
    }

    /// Tears down the selected stages, dependents first, then sweeps by tag.
    public func destroy(_ graph: ResourceGraph, selection: StageSelection = .all) async -> DestroyReport {
        await Destroyer(stack: stack, options: options, events: events, store: store).run(graph, selection: selection)
    }

    /// Desired vs live vs recorded, field by field, plus orphans.
    public func drift(_ graph: ResourceGraph, selection: StageSelection = .all) async throws -> DriftReport {
        let result = await planner.run(graph, selection: selection, mode: .apply)
        let readFailures = result.failures.filter { result.nodes[$0.address]?.role != .readOnly }
        guard readFailures.isEmpty else { throw PlanFailed(failures: readFailures) }
        var resources: [ResourceDrift] = []
        for address in graph.order {
            guard let node = result.nodes[address], node.role == .managed, let diff = node.diff else { continue }
            resources.append(ResourceDrift(address: address, diff: diff, record: try await store.record(for: address)))
        }
        return DriftReport(resources: resources, orphans: result.orphans.map(\.resource))
    }

    private var planner: Planner { Planner(stack: stack, options: options, events: events) }
}
