/// A resource graph the engine refuses to run; found before anything is read or mutated.
public enum GraphError: Error, Equatable, CustomStringConvertible {
    case duplicateAddress(ResourceAddress)
    case unknownDependency(resource: ResourceAddress, missing: ResourceAddress)
    case dependsOnLaterStage(resource: ResourceAddress, dependency: ResourceAddress)
    /// The addresses of one cycle, first repeated at the end.
    case cycle([ResourceAddress])

    public var description: String {
        switch self {
        case let .duplicateAddress(address):
            "resource graph: \(address) is declared twice"
        case let .unknownDependency(resource, missing):
            "resource graph: \(resource) depends on \(missing), which no stage declares"
        case let .dependsOnLaterStage(resource, dependency):
            "resource graph: \(resource) depends on \(dependency) of a later stage"
        case let .cycle(path):
            "resource graph: dependency cycle \(path.map(\.description).joined(separator: " -> "))"
        }
    }
}
