/// The tags tpsctl puts on every resource at creation. `tps:stack` lets `down` sweep and `diff`
/// find orphans; `tps:stage` and `tps:resource` let a run without `infra/out` adopt each
/// resource as the one it would have created.
public enum StandardTags {
    public static let stackKey = "tps:stack"
    public static let stageKey = "tps:stage"
    public static let resourceKey = "tps:resource"
    /// The prefix the user's own tags may not use.
    public static let reservedPrefix = "tps:"
    /// AWS allows 50 tags per resource; tpsctl's own take up to 4 (`Name` included).
    public static let maxUserTags = 46

    /// The stack's user tags, then the standard ones (which win), plus `Name` for EC2 consoles
    /// when given; sorted by key so request parameters are stable.
    public static func tags(stack: String, stage: String, resource: String, userTags: [String: String] = [:],
                            name: String? = nil) -> [ResourceTag] {
        var merged = userTags
        merged[stackKey] = stack
        merged[stageKey] = stage
        merged[resourceKey] = resource
        if let name { merged["Name"] = name }
        return merged.map { ResourceTag(key: $0.key, value: $0.value) }.sorted()
    }

    /// nil when `key` may be used as a user tag, otherwise why not.
    static func problemWithUserKey(_ key: String) -> String? {
        if key.hasPrefix(reservedPrefix) { return "tag keys starting with '\(reservedPrefix)' are set by tpsctl" }
        if key.lowercased().hasPrefix("aws:") { return "tag keys starting with 'aws:' are reserved by AWS" }
        if key == "Name" { return "the 'Name' tag is set by tpsctl to the resource's name" }
        if key.isEmpty || key.count > 128 { return "tag keys must be 1–128 characters" }
        return nil
    }

    static func problemWithUserValue(_ value: String) -> String? {
        value.count > 256 ? "tag values must be at most 256 characters" : nil
    }
}

extension Stack {
    /// The full tag set for a resource of this stack.
    public func tags(stage: String, resource: String, name: String? = nil) -> [ResourceTag] {
        StandardTags.tags(stack: self.name, stage: stage, resource: resource, userTags: tags, name: name)
    }
}
