import Foundation
import Provisioning

/// A resource stored in a `FileProvider`, found again by its `tps:*` tags. Fields come in three
/// sorts: mutable attributes (updated in place), immutable attributes (replaced), and references
/// to a dependency's output (immutable, like a subnet's VPC id).
public struct FileResource: Resource {
    public typealias Live = StoredObject

    public let address: ResourceAddress
    public let provider: FileProvider
    public var mutable: [String: String]
    public var immutable: [String: String]
    public var references: [String: OutputReference]
    public var extraDependencies: [ResourceAddress]
    public var behaviour: Behaviour

    public init(
        _ address: ResourceAddress, provider: FileProvider, mutable: [String: String] = [:],
        immutable: [String: String] = [:], references: [String: OutputReference] = [:],
        dependsOn extraDependencies: [ResourceAddress] = [], behaviour: Behaviour = .init()
    ) {
        self.address = address
        self.provider = provider
        self.mutable = mutable
        self.immutable = immutable
        self.references = references
        self.extraDependencies = extraDependencies
        self.behaviour = behaviour
    }

    public var dependencies: [ResourceAddress] {
        Array(Set(references.values.map(\.dependency) + extraDependencies)).sorted()
    }

    public func read(_ context: ResourceContext) async throws -> StoredObject? {
        try behaviour.check("read", address)
        try await behaviour.readFailures?.next()
        return try provider.find(kind: address.kind, identity: context.identity)
    }

    public func diff(_ live: StoredObject?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        for field in immutable.keys.sorted() {
            diff.compare(field, desired: immutable[field]!, live: live?.attributes[field], onChange: .replace)
        }
        for field in references.keys.sorted() {
            let reference = references[field]!
            let desired = try context.output(\.[text: reference.key], of: reference.outputs)
            diff.compare(field, desired: desired, live: live?.attributes[field], onChange: .replace)
        }
        for field in mutable.keys.sorted() {
            diff.compare(field, desired: mutable[field]!, live: live?.attributes[field])
        }
    }

    public func create(_ context: ResourceContext) async throws -> StoredObject {
        try await behaviour.mutate("create", address) {
            var attributes = immutable.merging(mutable) { first, _ in first }
            for (field, reference) in references {
                attributes[field] = try context.requireOutput(\.[text: reference.key], of: reference.outputs)
            }
            let object = StoredObject(
                id: "\(address.kind)-\(UUID().uuidString.prefix(8).lowercased())", kind: address.kind,
                region: address.region, tags: context.tags, attributes: attributes,
                readyAt: Date().addingTimeInterval(behaviour.readyAfter))
            try provider.put(object, operation: "create")
            await behaviour.afterCreate?(object)
            return object
        }
    }

    public func update(_ live: StoredObject, changes: [FieldChange], context: ResourceContext) async throws -> StoredObject {
        try await behaviour.mutate("update", address) {
            var object = live
            for change in changes {
                guard let value = mutable[change.field] else {
                    throw ProviderError(message: "\(address): field \(change.field) cannot be updated")
                }
                object.attributes[change.field] = value
            }
            try provider.put(object, operation: "update")
            return object
        }
    }

    public func delete(_ live: StoredObject, context: ResourceContext) async throws {
        _ = try await behaviour.mutate("delete", address) {
            try provider.delete(kind: live.kind, region: live.region, id: live.id)
            return live
        }
    }

    public func waitUntilReady(_ live: StoredObject, context: ResourceContext) async throws -> StoredObject {
        if live.isReady { return live }
        return try await context.wait(for: "\(live.kind) \(live.id) to become ready") {
            guard let now = try provider.get(kind: live.kind, region: live.region, id: live.id) else {
                return .failed("it disappeared")
            }
            return now.isReady ? .done(now) : .pending("pending")
        }
    }

    public func outputs(_ live: StoredObject) -> ResourceOutputs {
        var outputs = ResourceOutputs(["id": live.id, "arn": "arn:file:\(live.region):\(live.kind)/\(live.id)"])
        for (key, value) in live.attributes where !SecretNames.looksSecret(key) { outputs.set("attr.\(key)", value) }
        return outputs
    }
}

/// `field` of a resource takes output `key` of `dependency`.
public struct OutputReference: Sendable, Hashable {
    public let dependency: ResourceAddress
    public let key: String

    public init(_ dependency: ResourceAddress, _ key: String = "id") {
        self.dependency = dependency
        self.key = key
    }

    /// The dependency's outputs, whose keys a fixture names as data.
    var outputs: Dependency<ResourceOutputs> { Dependency(dependency) }
}

/// Test knobs: timing, injected failures, a hook after create, a concurrency gauge.
public struct Behaviour: Sendable {
    /// Each mutating call takes this long.
    public var operationDelay: Duration
    /// Seconds from creation until the object is ready.
    public var readyAfter: TimeInterval
    /// Operations (`read`, `create`, `update`, `delete`) that fail.
    public var failing: Set<String>
    public var gauge: InFlightGauge?
    /// Reads that fail before the object is found.
    public var readFailures: ReadFailures?
    /// Runs after the object is stored, before `create` returns (e.g. to hang for a kill -9).
    public var afterCreate: (@Sendable (StoredObject) async -> Void)?

    public init(
        operationDelay: Duration = .zero, readyAfter: TimeInterval = 0, failing: Set<String> = [],
        gauge: InFlightGauge? = nil, afterCreate: (@Sendable (StoredObject) async -> Void)? = nil,
        readFailures: ReadFailures? = nil
    ) {
        self.operationDelay = operationDelay
        self.readyAfter = readyAfter
        self.failing = failing
        self.gauge = gauge
        self.afterCreate = afterCreate
        self.readFailures = readFailures
    }

    func check(_ operation: String, _ address: ResourceAddress) throws {
        if failing.contains(operation) { throw ProviderError(message: "injected \(operation) failure") }
    }

    func mutate<T: Sendable>(
        _ operation: String, _ address: ResourceAddress, _ body: () async throws -> T
    ) async throws -> T {
        try check(operation, address)
        await gauge?.enter(address.region)
        do {
            if operationDelay > .zero { try await Task.sleep(for: operationDelay) }
            let result = try await body()
            await gauge?.leave(address.region)
            return result
        } catch {
            await gauge?.leave(address.region)
            throw error
        }
    }
}

extension FileResource: SweptResource {
    /// One kind of the provider's objects in one region: file resources take their kind from
    /// the address, so it travels with the scope.
    public struct Scope: Sendable {
        public let kind: String
        public let region: RegionName
        public let provider: FileProvider

        public init(kind: String, region: RegionName, provider: FileProvider) {
            self.kind = kind
            self.region = region
            self.provider = provider
        }
    }

    public static func kind(in scope: Scope) -> String { scope.kind }

    public static func listTagged(stack: String, in scope: Scope) async throws -> [TaggedObject] {
        try scope.provider.list(kind: scope.kind, region: scope.region)
            .filter { $0.tags[ResourceTags.stackKey] == stack }
            .map { TaggedObject(id: $0.id, tags: $0.tags) }
    }

    public static func delete(id: String, in scope: Scope, context: ResourceContext) async throws {
        try scope.provider.delete(kind: scope.kind, region: scope.region, id: id)
    }

    /// The sweep of one kind in one region.
    public static func sweep(_ kind: String, region: RegionName, stage: Stage, provider: FileProvider) -> KindSweep {
        KindSweep(FileResource.self, region: region, stage: stage, scope: Scope(kind: kind, region: region, provider: provider))
    }
}
