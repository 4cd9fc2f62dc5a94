/// A setting the user gave is wrong or missing. Every description is one line naming what
/// is wrong and where it came from (file:line, flag or variable) — never a secret value.
public enum AWSConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A config or credentials file line that cannot be read. `path` is shown as given (`~/…`).
    case malformedFile(path: String, line: Int, reason: String)
    case unreadableFile(path: String, reason: String)
    /// A profile named by `--profile` or AWS_PROFILE that neither file defines.
    case profileNotFound(name: String, source: String, searched: [String])
    case unknownRegion(name: String, source: String)
    case missingRegion(profile: String)
    /// A setting whose value has the wrong form; `value` is never a secret setting's value.
    case invalidSetting(name: String, value: String, source: String, expected: String)
    /// A profile whose settings contradict each other (e.g. a `source_profile` cycle).
    case invalidProfile(name: String, location: String, reason: String)

    public var description: String {
        switch self {
        case .malformedFile(let path, let line, let reason):
            return "\(path):\(line): \(reason)"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot be read: \(reason)"
        case .profileNotFound(let name, let source, let searched):
            return "profile '\(name)' (from \(source)) is not defined in \(searched.joined(separator: " or "))"
        case .unknownRegion(let name, let source):
            return "unknown region '\(name)' (from \(source))"
        case .missingRegion(let profile):
            return "no region: pass --region, set AWS_REGION, or set 'region' in profile '\(profile)'"
        case .invalidSetting(let name, let value, let source, let expected):
            return "\(name) = '\(value)' (from \(source)): expected \(expected)"
        case .invalidProfile(let name, let location, let reason):
            return "profile '\(name)' (\(location)): \(reason)"
        }
    }
}
