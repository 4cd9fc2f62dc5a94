/// The outputs of finished nodes during one walk, read by their dependents' contexts.
actor OutputBoard {
    private var outputs: [ResourceAddress: PlannedOutputs] = [:]
    private var changed: Set<ResourceAddress> = []

    init(_ initial: [ResourceAddress: PlannedOutputs] = [:]) {
        self.outputs = initial
    }

    func set(_ address: ResourceAddress, _ value: PlannedOutputs, changed didChange: Bool = false) {
        outputs[address] = value
        if didChange { changed.insert(address) }
    }

    func markChanged(_ address: ResourceAddress) { changed.insert(address) }

    /// The outputs of `addresses`; missing ones are unknown.
    func outputs(of addresses: [ResourceAddress]) -> [ResourceAddress: PlannedOutputs] {
        Dictionary(uniqueKeysWithValues: addresses.map { ($0, outputs[$0] ?? .knownAfterApply) })
    }

    func anyChanged(_ addresses: [ResourceAddress]) -> Bool {
        addresses.contains(where: changed.contains)
    }
}
