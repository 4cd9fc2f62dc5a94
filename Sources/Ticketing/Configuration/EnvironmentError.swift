import EnvironmentContract

/// A bad or missing environment variable, in one line naming the key. The offending value is
/// quoted only for non-secret keys.
public enum EnvironmentError: Error, Sendable, Hashable, CustomStringConvertible {
    case missing(EnvironmentKey)
    case invalid(EnvironmentKey, reason: String)

    public var key: EnvironmentKey {
        switch self {
        case .missing(let key), .invalid(let key, _): key
        }
    }

    public var description: String {
        switch self {
        case .missing(let key): "environment variable \(key.rawValue) is required but not set"
        case .invalid(let key, let reason): "environment variable \(key.rawValue) \(reason)"
        }
    }
}
