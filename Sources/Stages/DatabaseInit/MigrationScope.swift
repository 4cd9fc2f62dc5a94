import Stack

/// What one run of the worker's `migrate` task applies. The services must not start before
/// their schema exists, but the engine orders stages 00→08 and stage 08 (the seed) comes after
/// stage 05 (the services). So the run is split: stage 05 applies the schema alone before it
/// creates or updates any service, and stage 08 applies schema and seed, as `db-init` did. Each
/// scope records its own fingerprint on the cluster, so each runs only when its set changes.
enum MigrationScope: Sendable {
    /// The migrations only: what the services need to start (stage 05).
    case schema
    /// The migrations and the stack's seed (stage 08).
    case schemaAndSeed

    /// The cluster tag holding the fingerprint of the last successful run of this scope.
    var fingerprintTag: String {
        switch self {
        case .schema: "tps:db-schema"
        case .schemaAndSeed: "tps:db-migrations"
        }
    }

    /// `startedBy` prefix (ECS allows 36 characters; 16 of them are the fingerprint's).
    var startedByPrefix: String {
        switch self {
        case .schema: "tps-db-schema-"
        case .schemaAndSeed: "tps-db-init-"
        }
    }

    /// The seed parameters the fingerprint and the command include, if any.
    func seed(_ settings: DatabaseInitConfig) -> DatabaseInitConfig? {
        self == .schemaAndSeed ? settings : nil
    }

    /// The container command: the stack's migrate command, plus the seed flags for stage 08.
    func command(_ settings: DatabaseInitConfig) -> [String] {
        self == .schemaAndSeed ? MigrationTaskRequest.command(settings) : settings.migrateCommand
    }
}
