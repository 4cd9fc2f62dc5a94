/// What one run did: migrations it applied, those already recorded, and whether it ran the seed.
public struct MigrationReport: Sendable, Hashable {
    public struct Entry: Sendable, Hashable, CustomStringConvertible {
        public let version: Int
        public let name: String
        public var description: String { MigrationDirectory.fileName(version: version, name: name) }
    }

    public var applied: [Entry] = []
    public var skipped: [Entry] = []
    /// Seed statements run (0 when no seed was given). The seed is idempotent, so it always runs.
    public var seedStatements = 0

    public init() {}
}
