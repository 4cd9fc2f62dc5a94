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
