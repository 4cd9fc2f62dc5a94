/// How the engine runs: concurrency, wait timing, extra tags, orphan handling.
public struct EngineOptions: Sendable {
    /// Resources acted on at once per region (every region runs at the same time).
    public var concurrencyPerRegion: Int
    public var waitPolicy: WaitPolicy
    /// The stack file's tags, set with the `tps:*` tags at creation.
    public var extraTags: [String: String]
    /// Whether `up` deletes tagged objects the stack no longer describes (`plan` shows them).
    public var deleteOrphans: Bool

    public init(
        concurrencyPerRegion: Int = 8, waitPolicy: WaitPolicy = .init(), extraTags: [String: String] = [:],
        deleteOrphans: Bool = true
    ) {
        self.concurrencyPerRegion = max(1, concurrencyPerRegion)
        self.waitPolicy = waitPolicy
        self.extraTags = extraTags
        self.deleteOrphans = deleteOrphans
    }
}

/// Builds one region's `.env.generated` section from what is recorded after `up`.
public typealias EnvironmentProjection = @Sendable (RecordedOutputs) throws -> EnvironmentSection
