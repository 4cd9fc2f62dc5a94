/// What the engine hands a resource for one step: who it is, which stack and phase, the outputs
/// of its declared dependencies, and the waiter that reports progress.
public struct ResourceContext: Sendable {
    /// Why the engine calls the resource: plan-time calls must not mutate anything.
    public enum Phase: String, Sendable, Codable {
        case plan, apply, destroy
    }

    public let stack: String
    public let address: ResourceAddress
    public let phase: Phase
    public let events: EventSink
    public let waitPolicy: WaitPolicy
    /// Extra tags from the stack file, applied with the `tps:*` tags.
    public let extraTags: [String: String]
    let dependencyOutputs: [ResourceAddress: PlannedOutputs]

    public init(
        stack: String, address: ResourceAddress, phase: Phase,
        dependencyOutputs: [ResourceAddress: PlannedOutputs] = [:],
        events: EventSink = .discard, waitPolicy: WaitPolicy = .init(), extraTags: [String: String] = [:]
    ) {
        self.stack = stack
        self.address = address
        self.phase = phase
        self.dependencyOutputs = dependencyOutputs
        self.events = events
        self.waitPolicy = waitPolicy
        self.extraTags = extraTags
    }

    public var region: RegionName { address.region }

    /// The tags to set at creation: `tps:stack`, `tps:stage`, `tps:resource` plus the stack's.
    public var tags: [String: String] { identity.all(adding: extraTags) }

    /// Matches live tags against this resource, for discovery by tag.
    public var identity: ResourceTags { ResourceTags(stack: stack, address: address) }

    /// `<stack>-<region-short>-<role>`.
    public func physicalName(_ role: String) -> String {
        ResourceNaming.name(stack: stack, region: region, role: role)
    }

    /// A client token stable across retries and resumed runs; see ``IdempotencyToken``.
    public func idempotencyToken(salt: String = "") -> String {
        IdempotencyToken.derive(stack: stack, address: address, salt: salt)
    }

    /// An output of a declared dependency, by key path into what it publishes; `.knownAfterApply`
    /// while planning a dependency that will be created or replaced.
    public func output<Outputs, Value: Sendable & Hashable>(
        _ key: KeyPath<Outputs, Value>, of dependency: Dependency<Outputs>
    ) throws(DependencyOutputError) -> PlannedValue<Value> {
        guard let planned = dependencyOutputs[dependency.address] else {
            throw .undeclaredDependency(resource: address, dependency: dependency.address)
        }
        guard case let .known(recorded) = planned else { return .knownAfterApply }
        do {
            return .known(try recorded.value(key))
        } catch {
            throw .missingOutput(resource: address, dependency: dependency.address, key: error.key, available: recorded.keys)
        }
    }

    /// An output that must be known: use it in create/update/delete, where dependencies are applied.
    public func requireOutput<Outputs, Value: Sendable & Hashable>(
        _ key: KeyPath<Outputs, Value>, of dependency: Dependency<Outputs>
    ) throws(DependencyOutputError) -> Value {
        guard let value = try output(key, of: dependency).value else {
            throw .unknownAtApply(resource: address, dependency: dependency.address, key: key.outputName)
        }
        return value
    }

    /// Polls `check` with backoff until it reports done, reporting progress as `.waiting` events.
    public func wait<Value: Sendable>(
        for what: String, timeout: Duration? = nil,
        _ check: @Sendable () async throws -> WaitStatus<Value>
    ) async throws -> Value {
        try await Waiter(policy: waitPolicy, events: events, subject: address)
            .wait(for: what, timeout: timeout, check)
    }
}

/// A dependency's outputs as seen while planning or applying.
public enum PlannedOutputs: Sendable, Hashable {
    case known(ResourceOutputs)
    case knownAfterApply
}

/// A resource read an output it did not declare, or that its dependency does not publish.
public enum DependencyOutputError: Error, CustomStringConvertible {
    case undeclaredDependency(resource: ResourceAddress, dependency: ResourceAddress)
    case missingOutput(resource: ResourceAddress, dependency: ResourceAddress, key: String, available: [String])
    case unknownAtApply(resource: ResourceAddress, dependency: ResourceAddress, key: String)

    public var description: String {
        switch self {
        case let .undeclaredDependency(resource, dependency):
            "\(resource): reads outputs of \(dependency) without declaring it in `dependencies`"
        case let .missingOutput(resource, dependency, key, available):
            "\(resource): \(dependency) has no output '\(key)' (it has: \(available.joined(separator: ", ")))"
        case let .unknownAtApply(resource, dependency, key):
            "\(resource): output '\(key)' of \(dependency) is not known yet (dependency not applied)"
        }
    }
}
