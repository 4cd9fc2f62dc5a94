/// How the engine runs: concurrency, wait timing, extra tags, orphan handling.
public struct EngineOptions: Sendable {
    /// Resources acted on at once per region (every region runs at the same time).
    public var concurrencyPerRegion: Int
    public var waitPolicy: WaitPolicy
    /// The stack file's tags, set with the `tps:*` tags at creation.
    public var extraTags: [String: String]
    /// Whether `up` deletes tagged objects the stack no longer describes (`plan` shows them).
    public var deleteOrphans: Bool
    /// Waited before a read that failed with throttling or a transient error is tried again
    /// (× its revisit number); each try already spent its call's whole retry budget.
    public var readRevisitPause: Duration

    public init(
        concurrencyPerRegion: Int = 8, waitPolicy: WaitPolicy = .init(), extraTags: [String: String] = [:],
        deleteOrphans: Bool = true, readRevisitPause: Duration = .seconds(5)
    ) {
        self.concurrencyPerRegion = max(1, concurrencyPerRegion)
        self.waitPolicy = waitPolicy
        self.extraTags = extraTags
        self.deleteOrphans = deleteOrphans
        self.readRevisitPause = readRevisitPause
    }

    /// How reads that failed for a transient reason are tried again (twice at most).
    var readRevisit: RevisitPolicy { RevisitPolicy(maxRevisits: 2, pause: readRevisitPause) }
}

/// Builds one region's `.env.generated` section from what is recorded after `up`.
public typealias EnvironmentProjection = @Sendable (RecordedOutputs) throws -> EnvironmentSection
