/// Lists every live object of one kind tagged with the stack, in one region. `diff` reports
/// the ones the stack no longer describes (orphans); `up` and `down` delete them, and `down`
/// lists again afterwards to report anything left.
public protocol ResourceFamily: Sendable {
    var region: RegionName { get }
    /// The stage the family's kind belongs to (sweeps run in reverse stage order).
    var stage: Stage { get }
    /// The kind, as in `ResourceAddress.kind`.
    var kind: String { get }

    /// Live objects tagged `tps:stack=<stack>`.
    func listTagged(stack: String) async throws -> [TaggedResource]

    /// Deletes one listed object and waits until it is gone.
    func delete(_ resource: TaggedResource, context: ResourceContext) async throws
}

/// A live object found by its stack tag.
public struct TaggedResource: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The cloud id (or ARN) of the object.
    public let id: String
    public let region: RegionName
    public let kind: String
    public let tags: [String: String]

    public init(id: String, region: RegionName, kind: String, tags: [String: String]) {
        self.id = id
        self.region = region
        self.kind = kind
        self.tags = tags
    }

    /// The address its tags claim, if they are complete.
    public var claimedAddress: ResourceAddress? {
        ResourceTags.address(fromTags: tags, region: region)
    }

    public var description: String {
        if let address = claimedAddress { return "\(address) (\(id))" }
        return "\(region)/\(kind) \(id) (incomplete tps tags)"
    }
}
