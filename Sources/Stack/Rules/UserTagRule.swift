/// What the stack file's `tags` may contain. The engine adds `tps:stack`, `tps:stage`,
/// `tps:resource` (and EC2's `Name`) to every resource and finds resources by them, so a user
/// tag must never collide with those.
enum UserTagRule {
    /// AWS allows 50 tags per resource; tpsctl's own take up to 4 (`Name` included).
    static let maxCount = 46

    /// nil when `key` may be used as a user tag, otherwise why not.
    static func problem(withKey key: String) -> String? {
        if key.hasPrefix("tps:") { return "tag keys starting with 'tps:' are set by tpsctl" }
        if key.lowercased().hasPrefix("aws:") { return "tag keys starting with 'aws:' are reserved by AWS" }
        if key == "Name" { return "the 'Name' tag is set by tpsctl to the resource's name" }
        if key.isEmpty || key.count > 128 { return "tag keys must be 1–128 characters" }
        return nil
    }

    static func problem(withValue value: String) -> String? {
        value.count > 256 ? "tag values must be at most 256 characters" : nil
    }
}
