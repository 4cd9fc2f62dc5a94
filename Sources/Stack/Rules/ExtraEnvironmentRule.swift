import EnvironmentContract

/// Which names a service's `env` extras may use: shell-safe names that tpsctl does not set itself.
enum ExtraEnvironmentRule {
    /// nil when `name` may be used as an extra environment variable, otherwise why not.
    static func problem(with name: String) -> String? {
        let first = name.first.map { ("A"..."Z").contains($0) || $0 == "_" } ?? false
        let rest = name.allSatisfy { ("A"..."Z").contains($0) || $0.isASCIIDigit || $0 == "_" }
        guard first, rest else {
            return "'\(name)' is not an environment variable name (A-Z, 0-9 and _, not starting with a digit)"
        }
        if let key = EnvironmentKey(rawValue: name), key.isSetByTpsctl {
            return "'\(name)' is set by tpsctl from the stack's outputs and cannot be overridden"
        }
        return nil
    }
}
