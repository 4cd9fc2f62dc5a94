import EnvironmentContract
import FoundationEssentials

/// Typed reads of environment variables; every failure is an `EnvironmentError` naming the
/// key. An empty value counts as unset (ECS and .env files produce those).
struct EnvironmentReader {
    let values: [String: String]

    func optional(_ key: EnvironmentKey) -> String? {
        guard let value = values[key.rawValue]?.trimmingWhitespace(), !value.isEmpty else {
            return nil
        }
        return value
    }

    func isSet(_ key: EnvironmentKey) -> Bool { optional(key) != nil }

    func string(_ key: EnvironmentKey) throws(EnvironmentError) -> String {
        guard let value = optional(key) else { throw .missing(key) }
        return value
    }

    func secret(_ key: EnvironmentKey, minimumBytes: Int = 1) throws(EnvironmentError) -> SecretValue {
        guard let value = values[key.rawValue], !value.isEmpty else { throw .missing(key) }
        guard value.utf8.count >= minimumBytes else {
            throw .invalid(key, reason: "must be at least \(minimumBytes) bytes long (it has \(value.utf8.count))")
        }
        return SecretValue(value)
    }

    func optionalSecret(_ key: EnvironmentKey) -> SecretValue? {
        values[key.rawValue].flatMap { $0.isEmpty ? nil : SecretValue($0) }
    }

    func int(_ key: EnvironmentKey, in range: ClosedRange<Int>, default fallback: Int? = nil) throws(EnvironmentError) -> Int {
        guard let text = optional(key) else {
            if let fallback { return fallback }
            throw .missing(key)
        }
        guard let value = Int(text), range.contains(value) else {
            throw invalid(key, text, "must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A positive number no larger than `maximum`.
    func positiveDouble(_ key: EnvironmentKey, atMost maximum: Int) throws(EnvironmentError) -> Double {
        let text = try string(key)
        guard let value = Double(text), value.isFinite, value > 0, value <= Double(maximum) else {
            throw invalid(key, text, "must be a number greater than 0 and at most \(maximum)")
        }
        return value
    }

    func bool(_ key: EnvironmentKey, default fallback: Bool) throws(EnvironmentError) -> Bool {
        guard let text = optional(key) else { return fallback }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw invalid(key, text, "must be true or false")
        }
    }

    func url(_ key: EnvironmentKey) throws(EnvironmentError) -> URL {
        let text = try string(key)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              url.host?.isEmpty == false else {
            throw invalid(key, text, "must be an http(s) URL")
        }
        return url
    }

    func optionalURL(_ key: EnvironmentKey) throws(EnvironmentError) -> URL? {
        isSet(key) ? try url(key) : nil
    }

    /// The error for a bad value, quoting it only when the key is not secret.
    func invalid(_ key: EnvironmentKey, _ value: String, _ reason: String) -> EnvironmentError {
        guard !key.isSecret else { return .invalid(key, reason: reason) }
        let shown = value.count > 80 ? String(value.prefix(80)) + "…" : value
        return .invalid(key, reason: "\(reason) (got \"\(shown)\")")
    }
}
