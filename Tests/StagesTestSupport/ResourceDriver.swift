import Provisioning
@testable import Stages

/// Drives one resource through the engine's contract (read → diff → create/update → wait →
/// outputs; delete → wait) against a live endpoint, with the dependency outputs a test gives.
/// For resources whose dependencies come from stages another branch provides.
struct ResourceDriver {
    let stack: String
    var outputs: [ResourceAddress: PlannedOutputs] = [:]

    func context(_ address: ResourceAddress, _ phase: ResourceContext.Phase = .apply) -> ResourceContext {
        ResourceContext(stack: stack, address: address, phase: phase, dependencyOutputs: outputs,
                        waitPolicy: TestStack.fastOptions.waitPolicy)
    }

    /// The fields that differ between the resource and its live object (empty when converged).
    func changes<R: Resource>(_ resource: R) async throws -> (live: R.Live?, changes: [FieldChange]) {
        let context = context(resource.address, .plan)
        let live = try await resource.read(context)
        var diff = ResourceDiff(liveExists: live != nil)
        try resource.diff(live, into: &diff, context: context)
        return (live, live == nil ? diff.fields : diff.changes)
    }

    /// Creates or updates until converged; records the outputs for dependents.
    @discardableResult
    mutating func converge<R: Resource>(_ resource: R) async throws -> ResourceOutputs {
        let context = context(resource.address)
        let (live, changes) = try await changes(resource)
        let applied: R.Live
        if let live {
            applied = changes.isEmpty ? live : try await resource.update(live, changes: changes, context: context)
        } else {
            applied = try await resource.create(context)
        }
        let ready = try await resource.waitUntilReady(applied, context: context)
        let published = resource.recordedOutputs(ready)
        outputs[resource.address] = .known(published)
        return published
    }

    /// Deletes the live object if there is one.
    func destroy<R: Resource>(_ resource: R) async throws {
        let context = context(resource.address, .destroy)
        guard let live = try await resource.read(context) else { return }
        try await resource.delete(live, context: context)
        try await resource.waitUntilGone(live, context: context)
    }
}
