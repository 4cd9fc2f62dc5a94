/// Deletes a set of objects in reverse dependency order: a resource goes after everything that
/// depends on it, and orphans are ordered by stage with the rest (later stages first). Used by
/// `down`, and by `up` for replacements and orphans before it creates anything.
struct Teardown: Sendable {
    /// One object to delete.
    enum Target: Sendable {
        /// A described resource; `live` nil when it is already gone (only the record is dropped).
        case managed(any Resource, live: (any Sendable)?)
        case orphan(OrphanNode)
        /// A described resource whose read failed: it fails here, so what it needs is kept.
        case unread(ResourceFailure)

        var stage: Stage {
            switch self {
            case let .managed(resource, _): resource.address.stage
            case let .orphan(orphan): orphan.address.stage
            case let .unread(failure): failure.address.stage
            }
        }

        var isOrphan: Bool {
            if case .orphan = self { return true }
            return false
        }
    }

    let stack: String
    let options: EngineOptions
    let events: EventSink
    let store: StateStore

    func run(
        graph: ResourceGraph, targets: [ResourceAddress: Target], outputs: [ResourceAddress: PlannedOutputs]
    ) async -> [ResourceAddress: GraphWalk.Outcome<ResourceOutcome>] {
        let position = Dictionary(uniqueKeysWithValues: graph.order.enumerated().map { ($1, $0) })
        let order = targets.keys.sorted { lhs, rhs in
            let left = targets[lhs]!, right = targets[rhs]!
            if left.stage != right.stage { return left.stage > right.stage }
            if left.isOrphan != right.isOrphan { return left.isOrphan }
            return (position[lhs] ?? -1, lhs) > (position[rhs] ?? -1, rhs)
        }
        let walk = GraphWalk(
            order: order, prerequisites: prerequisites(graph: graph, targets: targets),
            limitPerRegion: options.concurrencyPerRegion)
        let stack = stack, options = options, events = events, store = store
        return await walk.run { address in
            let context = ResourceContext(
                stack: stack, address: address, phase: .destroy,
                dependencyOutputs: outputs.filter { graph.dependencies(of: address).contains($0.key) },
                events: events, waitPolicy: options.waitPolicy, extraTags: options.extraTags)
            return try await StepTracker(events: events).run(address, step: "delete") {
                switch targets[address]! {
                case let .managed(resource, live):
                    guard let live else {
                        try await store.removeRecord(address)
                        return .absent
                    }
                    try await Self.delete(resource, live: live, context: context)
                    try await store.removeRecord(address)
                    return .deleted
                case let .orphan(orphan):
                    try await orphan.sweep.delete(orphan.resource, context: context)
                    return .deleted
                case let .unread(failure):
                    throw failure
                }
            }
        }
    }

    /// Who must be gone before each target.
    private func prerequisites(
        graph: ResourceGraph, targets: [ResourceAddress: Target]
    ) -> [ResourceAddress: [ResourceAddress]] {
        var result: [ResourceAddress: [ResourceAddress]] = [:]
        let orphans = targets.filter(\.value.isOrphan).keys
        for (address, target) in targets {
            var before: Set<ResourceAddress> = []
            if !target.isOrphan { before.formUnion(nearestDependents(of: address, in: targets, graph: graph)) }
            for orphan in orphans where orphan != address && Self.sameRegion(orphan, address) {
                let orphanStage = targets[orphan]!.stage
                if target.isOrphan ? orphanStage > target.stage : orphanStage >= target.stage { before.insert(orphan) }
            }
            if target.isOrphan {
                for (other, otherTarget) in targets where !otherTarget.isOrphan && Self.sameRegion(other, address) {
                    if otherTarget.stage > target.stage { before.insert(other) }
                }
            }
            result[address] = before.sorted()
        }
        return result
    }

    /// Dependents that are targets, looking through dependents that are not.
    private func nearestDependents(
        of address: ResourceAddress, in targets: [ResourceAddress: Target], graph: ResourceGraph
    ) -> Set<ResourceAddress> {
        var found: Set<ResourceAddress> = []
        var seen: Set<ResourceAddress> = [address]
        var stack = graph.dependents(of: address)
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            if targets[next] != nil { found.insert(next) } else { stack.append(contentsOf: graph.dependents(of: next)) }
        }
        return found
    }

    private static func sameRegion(_ lhs: ResourceAddress, _ rhs: ResourceAddress) -> Bool {
        lhs.region == rhs.region || lhs.region == .global || rhs.region == .global
    }

    private static func delete(_ resource: any Resource, live: any Sendable, context: ResourceContext) async throws {
        try await deleteOpened(resource, live: live, context: context)
    }

    private static func deleteOpened<R: Resource>(_ resource: R, live: any Sendable, context: ResourceContext) async throws {
        let typed = live as! R.Live
        try await resource.delete(typed, context: context)
        try await resource.waitUntilGone(typed, context: context)
    }
}
