/// One live cloud object the engine manages, after Terraform's resource contract:
/// read → diff → create / update / delete → wait → outputs.
///
/// A resource is a value describing the DESIRED object; it captures whatever client it needs
/// when the stage builds it, so the engine stays independent of AWS. Every step is idempotent:
/// `read` finds the live object by deterministic name or by its `tps:*` tags (never through
/// `infra/out`), so a run interrupted anywhere converges when repeated.
public protocol Resource: Sendable {
    /// What `read` returns about the live object (ids, current settings, status).
    associatedtype Live: Sendable
    /// What it publishes for dependents and `infra/out` (ids, ARNs, endpoints).
    associatedtype Outputs: PublishedOutputs

    var address: ResourceAddress { get }

    /// Resources whose outputs this one reads (`context.output(_:of:)`) or that must exist
    /// before it. Same or earlier stage; may be in another region.
    var dependencies: [ResourceAddress] { get }

    /// The live object, or nil when it does not exist. Discovery by name or tag only.
    /// When an output it needs is `.knownAfterApply` (the dependency does not exist yet),
    /// the object cannot exist either: return nil.
    func read(_ context: ResourceContext) async throws -> Live?

    /// Compares desired with live, field by field (`live` is nil before creation).
    /// Must not call the cloud: plan, apply and drift all run it on the same `read` result.
    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws

    /// Creates the object, tagged at creation, with an idempotency token where the API has one.
    func create(_ context: ResourceContext) async throws -> Live

    /// Changes the fields listed in `changes` (all of effect `.update`).
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live

    /// Deletes the object. A missing object is not an error.
    func delete(_ live: Live, context: ResourceContext) async throws

    /// Waits until the object is usable by its dependents (default: immediately).
    /// Also runs for unchanged objects, so a resumed run waits for what a killed run started.
    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live

    /// Waits until a deleted object is gone (default: immediately).
    func waitUntilGone(_ live: Live, context: ResourceContext) async throws

    /// The non-secret values dependents and `infra/out` need (ids, ARNs, endpoints).
    func outputs(_ live: Live) -> Outputs
}

extension Resource {
    public var dependencies: [ResourceAddress] { [] }

    public func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live { live }

    public func waitUntilGone(_ live: Live, context: ResourceContext) async throws {}

    /// The outputs as the engine passes and records them.
    public func recordedOutputs(_ live: Live) -> ResourceOutputs { outputs(live).recorded }
}
