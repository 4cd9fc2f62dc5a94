import Foundation

/// What `up` or `down` would do, per region, in execution order. Computed by the same
/// read/diff code that applies it.
public struct Plan: Sendable, Hashable, Encodable {
    public let regions: [RegionPlan]

    public init(regions: [RegionPlan]) {
        self.regions = regions.sorted { $0.region < $1.region }
    }

    /// For `--detailed-exitcode`: true when any action is not a no-op.
    public var hasChanges: Bool { regions.contains(where: \.hasChanges) }

    /// Every action of every region, in order.
    public var actions: [PlannedAction] { regions.flatMap(\.actions) }

    public func action(for address: ResourceAddress) -> PlannedAction? {
        actions.first { $0.address == address }
    }

    /// Terraform-like text, no colour, stable ordering.
    public func render(showUnchanged: Bool = false) -> String {
        PlanRenderer(showUnchanged: showUnchanged).render(self)
    }

    /// Pretty, key-sorted JSON for `--output json`.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    private enum CodingKeys: String, CodingKey { case regions, hasChanges }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(regions, forKey: .regions)
        try container.encode(hasChanges, forKey: .hasChanges)
    }
}

/// The actions of one region.
public struct RegionPlan: Sendable, Hashable, Encodable {
    public let region: RegionName
    public let actions: [PlannedAction]

    public init(region: RegionName, actions: [PlannedAction]) {
        self.region = region
        self.actions = actions
    }

    public var hasChanges: Bool { actions.contains { $0.kind.isChange } }

    /// How many actions of each kind.
    public var summary: [PlannedAction.Kind: Int] {
        Dictionary(grouping: actions, by: \.kind).mapValues(\.count)
    }

    private enum CodingKeys: String, CodingKey { case region, actions, summary }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(region, forKey: .region)
        try container.encode(actions, forKey: .actions)
        let counts = Dictionary(uniqueKeysWithValues: PlannedAction.Kind.allCases.map { ($0.rawValue, summary[$0] ?? 0) })
        try container.encode(counts, forKey: .summary)
    }
}
