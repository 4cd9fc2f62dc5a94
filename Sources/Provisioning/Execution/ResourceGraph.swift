/// The validated set of resources a stack describes, with their dependency edges and a stable
/// topological order (dependencies first, ties broken by address). Built once per command.
public struct ResourceGraph: Sendable {
    public let resources: [ResourceAddress: any Resource]
    /// The kinds `diff` and `down` list by the stack's tag.
    public let sweeps: [KindSweep]
    /// Dependencies first; stable across runs.
    public let order: [ResourceAddress]
    let dependencies: [ResourceAddress: [ResourceAddress]]
    let dependents: [ResourceAddress: [ResourceAddress]]

    public init(_ resources: [any Resource], sweeps: [KindSweep] = []) throws(GraphError) {
        var byAddress: [ResourceAddress: any Resource] = [:]
        for resource in resources {
            guard byAddress[resource.address] == nil else { throw .duplicateAddress(resource.address) }
            byAddress[resource.address] = resource
        }
        var dependencies: [ResourceAddress: [ResourceAddress]] = [:]
        var dependents: [ResourceAddress: [ResourceAddress]] = [:]
        for address in byAddress.keys.sorted() {
            let declared = Array(Set(byAddress[address]!.dependencies)).sorted()
            for dependency in declared {
                guard byAddress[dependency] != nil else {
                    throw .unknownDependency(resource: address, missing: dependency)
                }
                guard dependency.stage <= address.stage else {
                    throw .dependsOnLaterStage(resource: address, dependency: dependency)
                }
                dependents[dependency, default: []].append(address)
            }
            dependencies[address] = declared
        }
        self.resources = byAddress
        self.sweeps = sweeps
        self.dependencies = dependencies
        self.dependents = dependents
        self.order = try Self.topologicalOrder(dependencies)
    }

    public func dependencies(of address: ResourceAddress) -> [ResourceAddress] { dependencies[address] ?? [] }

    public func dependents(of address: ResourceAddress) -> [ResourceAddress] { dependents[address] ?? [] }

    /// Everything `addresses` needs, transitively, excluding `addresses` themselves.
    func transitiveDependencies(of addresses: Set<ResourceAddress>) -> Set<ResourceAddress> {
        closure(from: addresses) { dependencies[$0] ?? [] }
    }

    /// Everything that needs `addresses`, transitively, excluding `addresses` themselves.
    func transitiveDependents(of addresses: Set<ResourceAddress>) -> Set<ResourceAddress> {
        closure(from: addresses) { dependents[$0] ?? [] }
    }

    private func closure(
        from start: Set<ResourceAddress>, next: (ResourceAddress) -> [ResourceAddress]
    ) -> Set<ResourceAddress> {
        var seen: Set<ResourceAddress> = []
        var stack = Array(start)
        while let address = stack.popLast() {
            for neighbour in next(address) where !seen.contains(neighbour) && !start.contains(neighbour) {
                seen.insert(neighbour)
                stack.append(neighbour)
            }
        }
        return seen
    }

    /// Kahn's algorithm, always taking the smallest ready address; reports one cycle if stuck.
    private static func topologicalOrder(
        _ dependencies: [ResourceAddress: [ResourceAddress]]
    ) throws(GraphError) -> [ResourceAddress] {
        var remaining = dependencies.mapValues { Set($0) }
        var order: [ResourceAddress] = []
        var ready = remaining.filter { $0.value.isEmpty }.keys.sorted(by: >)
        var dependents: [ResourceAddress: [ResourceAddress]] = [:]
        for (address, needs) in dependencies {
            for need in needs { dependents[need, default: []].append(address) }
        }
        while let next = ready.popLast() {
            order.append(next)
            remaining[next] = nil
            for dependent in dependents[next] ?? [] {
                remaining[dependent]?.remove(next)
                if remaining[dependent]?.isEmpty == true {
                    ready.append(dependent)
                    ready.sort(by: >)
                }
            }
        }
        guard remaining.isEmpty else { throw .cycle(findCycle(in: remaining)) }
        return order
    }

    /// Follows unmet dependencies from the smallest stuck node until one repeats.
    private static func findCycle(in stuck: [ResourceAddress: Set<ResourceAddress>]) -> [ResourceAddress] {
        var path: [ResourceAddress] = []
        var current = stuck.keys.min()!
        while !path.contains(current) {
            path.append(current)
            current = stuck[current]!.filter { stuck[$0] != nil }.min()!
        }
        let start = path.firstIndex(of: current)!
        return Array(path[start...]) + [current]
    }
}
