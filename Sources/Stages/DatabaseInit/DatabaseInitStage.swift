import Foundation
import Provisioning
import Stack

/// Stage 08-db-init of one region: the migration run with the seed against the region's
/// private database (see `DatabaseMigrationResource`), against stage 03's Aurora cluster. It
/// also builds stage 05's schema-only run (`schemaMigration`), which the services wait for. No
/// family: the only records are tags on the stage 02 cluster, which leave with the cluster.
struct DatabaseInitStage: StageContribution {
    let stack: Stack
    let target: RegionTarget
    let network: NetworkStage
    let dataPlane: DataPlaneStage
    let migrationsDirectory: URL

    var region: RegionName { RegionName(target.name) }

    var migration: ResourceAddress {
        ResourceAddress(region: region, stage: .dbInit, kind: "db_migration", name: "main")
    }

    /// Stage 05's run of the schema alone, which every ECS service depends on.
    static func schemaAddress(_ region: RegionName) -> ResourceAddress {
        ResourceAddress(region: region, stage: .services, kind: "db_schema", name: "main")
    }

    func resources() -> [any Resource] {
        [run(.schemaAndSeed, at: migration)]
    }

    /// The schema run stage 05 places before its services.
    func schemaMigration() -> any Resource {
        run(.schema, at: Self.schemaAddress(region))
    }

    private func run(_ scope: MigrationScope, at address: ResourceAddress) -> DatabaseMigrationResource {
        let fingerprint: Result<MigrationFingerprint, DatabaseMigrationResource.FingerprintProblem>
        do {
            fingerprint = .success(try MigrationFingerprint.compute(directory: migrationsDirectory,
                                                                    seed: scope.seed(stack.databaseInit)))
        } catch {
            fingerprint = .failure(.init(description: "\(migrationsDirectory.path): \(error)"))
        }
        return DatabaseMigrationResource(
            address: address, client: target.client, scope: scope, fingerprint: fingerprint,
            database: dataPlane.database,
            cluster: ClusterStage.ecsCluster(region),
            taskDefinition: TaskDefinitionsStage.taskDefinition(region, named: ServiceName.confirmWorker.rawValue),
            privateSubnets: network.layout.zones.map { network.privateSubnet($0.index) },
            securityGroup: network.securityGroup("worker"), settings: stack.databaseInit)
    }
}
