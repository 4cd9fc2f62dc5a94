import Provisioning

/// Where a rendering reads other resources' outputs: a resource's context while planning or
/// applying, or what `up` recorded (`tpsctl render`, `.env.generated`), so both render the
/// same task definition and environment.
public protocol OutputReader {
    /// `.knownAfterApply` when the output is not known yet; throws when it cannot be read.
    func output<Outputs, Value: Sendable & Hashable>(
        _ key: KeyPath<Outputs, Value>, of dependency: Dependency<Outputs>
    ) throws -> PlannedValue<Value>
}

extension ResourceContext: OutputReader {}

/// What `up` recorded; a resource or key not recorded is an error (the environment leaves it out).
extension RecordedOutputs: OutputReader {
    public func output<Outputs, Value: Sendable & Hashable>(
        _ key: KeyPath<Outputs, Value>, of dependency: Dependency<Outputs>
    ) throws -> PlannedValue<Value> {
        guard let value = value(key, of: dependency) else { throw NotRecorded(address: dependency.address) }
        return .known(value)
    }

    struct NotRecorded: Error, CustomStringConvertible {
        let address: ResourceAddress
        var description: String { "\(address): output not recorded" }
    }
}

/// What `up` recorded, anything not recorded yet shown as known after apply (`tpsctl render`).
struct RecordedOrPlannedOutputs: OutputReader {
    let recorded: RecordedOutputs

    func output<Outputs, Value: Sendable & Hashable>(
        _ key: KeyPath<Outputs, Value>, of dependency: Dependency<Outputs>
    ) throws -> PlannedValue<Value> {
        recorded.value(key, of: dependency).map { .known($0) } ?? .knownAfterApply
    }
}
