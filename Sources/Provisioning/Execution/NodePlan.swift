/// The plan-time result for one node: what was read, how it compares, what happens next.
struct NodePlan: Sendable {
    enum Role: Sendable {
        /// In the selected stages: the engine acts on it.
        case managed
        /// Outside the selection but needed for its outputs: read only.
        case readOnly
        /// Outside the selection and depending on something `down` would delete: must be gone.
        case guardian
    }

    let address: ResourceAddress
    let role: Role
    /// The live value as the resource's `Live` type, boxed; nil when absent.
    let live: (any Sendable)?
    /// The comparison; nil for read-only and guard nodes and for teardown.
    let diff: ResourceDiff?
    let action: PlannedAction.Kind
    /// What dependents see while planning.
    let outputs: PlannedOutputs

    var exists: Bool { live != nil }
}

/// An object found by tag that the stack does not describe.
struct OrphanNode: Sendable {
    let sweep: KindSweep
    let resource: TaggedResource
    /// The address its tags claim, or a synthetic one (kind `orphan:<kind>`, name = id).
    let address: ResourceAddress

    init(sweep: KindSweep, resource: TaggedResource) {
        self.sweep = sweep
        self.resource = resource
        self.address = resource.claimedAddress
            ?? ResourceAddress(region: resource.region, stage: sweep.stage, kind: "orphan:\(resource.kind)", name: resource.id)
    }
}

/// A step that could not complete, with the error's one-line description.
public struct ResourceFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let address: ResourceAddress
    public let message: String

    public init(address: ResourceAddress, message: String) {
        self.address = address
        self.message = message
    }

    init(address: ResourceAddress, error: any Error) {
        self.address = address
        self.message = (error as? ResourceFailure)?.message ?? String(describing: error)
    }

    public var description: String { "\(address): \(message)" }
}
