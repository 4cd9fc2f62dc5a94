/// One kind's tagged objects in one region, as a stage contributes them to the graph: what
/// orphan detection and `down`'s sweep list, and delete by id. Built from the resource type
/// that owns the kind, so the engine never names a kind itself.
public struct KindSweep: Sendable {
    public let region: RegionName
    /// The stage the kind belongs to here (sweeps run in reverse stage order).
    public let stage: Stage
    public let kind: String
    private let list: @Sendable (_ stack: String) async throws -> [TaggedObject]
    private let deleteById: @Sendable (_ id: String, ResourceContext) async throws -> Void

    public init<R: SweptResource>(_ type: R.Type, region: RegionName, stage: Stage, scope: R.Scope) {
        self.region = region
        self.stage = stage
        self.kind = R.kind(in: scope)
        self.list = { try await R.listTagged(stack: $0, in: scope) }
        self.deleteById = { try await R.delete(id: $0, in: scope, context: $1) }
    }

    /// Live objects tagged `tps:stack=<stack>`.
    public func listTagged(stack: String) async throws -> [TaggedResource] {
        try await list(stack).map { TaggedResource(id: $0.id, region: region, kind: kind, tags: $0.tags) }
    }

    /// Deletes one listed object and waits until it is gone.
    func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try await deleteById(resource.id, context)
    }

    /// Where a failed listing is reported.
    var address: ResourceAddress {
        ResourceAddress(region: region, stage: stage, kind: kind, name: "*")
    }
}
