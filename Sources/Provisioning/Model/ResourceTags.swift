/// The tags every resource carries from its creation (TagSpecifications, Tags parameters).
/// They are how a run without `infra/out` finds and adopts what an earlier run made,
/// and how `diff` and `down` find resources the stack no longer describes.
public struct ResourceTags: Sendable, Hashable {
    public static let stackKey = "tps:stack"
    public static let stageKey = "tps:stage"
    public static let resourceKey = "tps:resource"

    public let stack: String
    public let address: ResourceAddress

    public init(stack: String, address: ResourceAddress) {
        self.stack = stack
        self.address = address
    }

    /// `tps:stack`, `tps:stage` and `tps:resource`, plus any extra tags of the stack file.
    public func all(adding extra: [String: String] = [:]) -> [String: String] {
        extra.merging(
            [Self.stackKey: stack, Self.stageKey: address.stage.slug, Self.resourceKey: address.key],
            uniquingKeysWith: { _, engine in engine })
    }

    /// True when `tags` mark exactly this resource of this stack.
    public func match(_ tags: [String: String]) -> Bool {
        tags[Self.stackKey] == stack && tags[Self.stageKey] == address.stage.slug
            && tags[Self.resourceKey] == address.key
    }

    /// The address a tagged live resource claims, or nil when its tags are incomplete.
    public static func address(fromTags tags: [String: String], region: RegionName) -> ResourceAddress? {
        guard let stageText = tags[stageKey], let stage = Stage(argument: stageText),
            let key = tags[resourceKey], let dot = key.firstIndex(of: ".")
        else { return nil }
        let kind = String(key[..<dot])
        let name = String(key[key.index(after: dot)...])
        guard !kind.isEmpty, !name.isEmpty else { return nil }
        return ResourceAddress(region: region, stage: stage, kind: kind, name: name)
    }
}

/// Deterministic physical names: `<stack>-<region-short>-<role>`, so a resource that can be
/// looked up by name is found again without local state.
public enum ResourceNaming {
    public static func name(stack: String, region: RegionName, role: String) -> String {
        region == .global ? "\(stack)-\(role)" : "\(stack)-\(region.short)-\(role)"
    }
}
