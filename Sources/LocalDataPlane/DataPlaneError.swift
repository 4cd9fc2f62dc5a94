/// Why the local data plane could not do something; one line each, never a secret value.
public enum DataPlaneError: Error, CustomStringConvertible, Sendable {
    case network(String)
    case socket(String)
    case task(String)

    public var description: String {
        switch self {
        case let .network(detail): "task network: \(detail)"
        case let .socket(detail): "socket: \(detail)"
        case let .task(detail): detail
        }
    }
}
