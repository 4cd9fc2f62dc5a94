/// The stack name is the first part of every resource name, so it must satisfy the strictest
/// of their character rules (ElastiCache, RDS, ALB: lowercase letters, digits, single hyphens,
/// starting with a letter) and stay short enough to leave room for region and role.
public enum StackNameRule {
    public static let maxLength = 20

    /// nil when valid, otherwise the reason.
    public static func problem(with name: String) -> String? {
        let allowed = name.allSatisfy { ("a"..."z").contains($0) || $0.isASCIIDigit || $0 == "-" }
        guard (2...maxLength).contains(name.count), allowed,
              let first = name.first, ("a"..."z").contains(first),
              name.last != "-", !name.contains("--") else {
            return "'\(name)' is not a valid stack name: use 2–\(maxLength) lowercase letters, digits and "
                + "single hyphens, starting with a letter and not ending with a hyphen"
        }
        return nil
    }
}
