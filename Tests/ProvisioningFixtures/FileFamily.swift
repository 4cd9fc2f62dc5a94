import Provisioning

/// Lists the provider's objects of one kind tagged with the stack, for orphan detection.
public struct FileFamily: ResourceFamily {
    public let region: RegionName
    public let stage: Stage
    public let kind: String
    public let provider: FileProvider

    public init(region: RegionName, stage: Stage, kind: String, provider: FileProvider) {
        self.region = region
        self.stage = stage
        self.kind = kind
        self.provider = provider
    }

    public func listTagged(stack: String) async throws -> [TaggedResource] {
        try provider.list(kind: kind, region: region)
            .filter { $0.tags[ResourceTags.stackKey] == stack }
            .map { TaggedResource(id: $0.id, region: region, kind: kind, tags: $0.tags) }
    }

    public func delete(_ resource: TaggedResource, context: ResourceContext) async throws {
        try provider.delete(kind: kind, region: region, id: resource.id)
    }
}
