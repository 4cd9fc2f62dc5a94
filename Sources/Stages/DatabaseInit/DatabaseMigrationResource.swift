import AWSClient
import Provisioning
import Stack

/// A migration run (stage 05's schema, stage 08's schema and seed; see `MigrationScope`): the
/// database is private, so the migrations run as a one-off ECS
/// task of the worker's task definition (its command replaced by `migrate`) in the private
/// subnets. The live object is the fingerprint of the last set applied successfully to the
/// current database (stage 03's Aurora cluster), kept as a tag on the region's ECS cluster: a
/// tag is durable (ECS forgets stopped tasks within an hour), readable without reaching the
/// database, and goes with the cluster. `up` runs the task only when the fingerprint differs
/// (new migrations or seed, or a new database), so a converged stack makes no mutating call; a
/// task that exits non-zero fails the step (naming the task, its exit code and last log lines)
/// and leaves the tag as it was, so the next `up` tries again.
struct DatabaseMigrationResource: Resource {
    struct Live: Sendable {
        var clusterArn: String
        var fingerprint: String
    }

    /// The outputs of stage 03's cluster that tell one database from another: the writer
    /// endpoint names it; the master-user secret RDS creates with each cluster tells a cluster
    /// recreated under the same identifier (so at the same endpoint) from the one it replaced.
    static var databaseIdentityOutputs: [KeyPath<AuroraClusterResource.Outputs, String>] {
        [\.writerEndpoint, \.masterUserSecretArn]
    }

    let address: ResourceAddress
    let client: AWSClient
    let scope: MigrationScope
    /// The set to apply, or why it could not be read (reported when stage 08 is planned, so a
    /// missing `templates/db` does not stop the other stages).
    let fingerprint: Result<MigrationFingerprint, FingerprintProblem>
    /// Stage 03's Aurora cluster: the database the migrations are applied to.
    let database: Dependency<AuroraClusterResource.Outputs>
    let cluster: Dependency<ECSClusterResource.Outputs>
    let taskDefinition: Dependency<TaskDefinitionResource.Outputs>
    let privateSubnets: [Dependency<SubnetResource.Outputs>]
    let securityGroup: Dependency<SecurityGroupResource.Outputs>
    let settings: DatabaseInitConfig

    struct FingerprintProblem: Error, CustomStringConvertible {
        let description: String
    }

    var dependencies: [ResourceAddress] {
        [database.address, cluster.address, taskDefinition.address, securityGroup.address] + privateSubnets.map(\.address)
    }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let clusterName = try context.output(\.clusterName, of: cluster).value else { return nil }
        let described = try await ECS(client: client).describeClusters([clusterName], include: ["TAGS"])
        guard let live = described.clusters.first(where: { $0.status == "ACTIVE" }),
              let value = live.tags[scope.fingerprintTag]
        else { return nil }
        return Live(clusterArn: live.arn, fingerprint: value)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("migrations", desired: try desiredFingerprint(context), live: live?.fingerprint)
    }

    /// The fingerprint a successful run against the current database records; known after
    /// apply while stage 03 is still to create or replace the cluster (the new database needs
    /// the run).
    func desiredFingerprint(_ context: ResourceContext) throws -> PlannedValue<String> {
        let set = try fingerprint.get()
        var identity: [String] = []
        for key in Self.databaseIdentityOutputs {
            guard let value = try context.output(key, of: database).value else { return .knownAfterApply }
            identity.append(value)
        }
        return .known(set.applied(toDatabase: identity.joined(separator: " ")).value)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await migrate(context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await migrate(context)
    }

    /// Forgets the record; the schema stays in the database (it goes with the database).
    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await ECS(client: client).untagResource(arn: live.clusterArn, tagKeys: [scope.fingerprintTag])
        }
    }

    struct Outputs: PublishedOutputs {
        let migrations: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(migrations: live.fingerprint)
    }

    private func migrate(_ context: ResourceContext) async throws -> Live {
        guard let fingerprint = try desiredFingerprint(context).value else {
            throw DependencyOutputError.unknownAtApply(resource: address, dependency: database.address,
                                                       key: Self.databaseIdentityOutputs[0].outputName)
        }
        let clusterName = try context.requireOutput(\.clusterName, of: cluster)
        let clusterArn = try context.requireOutput(\.clusterArn, of: cluster)
        let taskDefinitionArn = try context.requireOutput(\.arn, of: taskDefinition)
        let family = try context.requireOutput(\.family, of: taskDefinition)
        let runner = MigrationTaskRunner(client: client, timeout: .seconds(settings.timeoutSeconds))
        let container = try await runner.container(of: taskDefinitionArn, preferring: ServiceName.confirmWorker.rawValue)
        var tags = context.tags
        tags[scope.fingerprintTag] = fingerprint
        let request = MigrationTaskRequest(
            cluster: clusterName, taskDefinitionArn: taskDefinitionArn, containerName: container.name,
            command: scope.command(settings),
            subnets: try privateSubnets.map { try context.requireOutput(\.subnetId, of: $0) },
            securityGroup: try context.requireOutput(\.groupId, of: securityGroup),
            startedBy: scope.startedByPrefix + fingerprint.prefix(16), clientToken: context.idempotencyToken(salt: fingerprint),
            tags: tags)
        let outcome = try await runner.run(request, container: container, context: context)
        for line in outcome.logLines {
            context.events.emit(.note(address, message: "log: \(line)"))
        }
        guard outcome.succeeded else { throw StageFailure(outcome.failureDescription(family: family)) }
        context.events.emit(.note(address, message: "migration task \(outcome.taskArn) exited 0"))
        try await ECS(client: client).tagResource(arn: clusterArn, tags: [scope.fingerprintTag: fingerprint])
        return Live(clusterArn: clusterArn, fingerprint: fingerprint)
    }
}
