import Foundation
import Provisioning
import Stack

/// Stage 08-db-init of one region: the migration run against the region's private database
/// (see `DatabaseMigrationResource`), against stage 03's Aurora cluster. No family: the only
/// record is a tag on the stage 02 cluster, which leaves with the cluster.
struct DatabaseInitStage {
    let stack: Stack
    let target: RegionTarget
    let network: NetworkStage
    let dataPlane: DataPlaneStage
    let migrationsDirectory: URL

    var region: RegionName { RegionName(target.name) }

    var migration: ResourceAddress {
        ResourceAddress(region: region, stage: .dbInit, kind: "db_migration", name: "main")
    }

    func resources() -> [any Resource] {
        let fingerprint: Result<MigrationFingerprint, DatabaseMigrationResource.FingerprintProblem>
        do {
            fingerprint = .success(try MigrationFingerprint.compute(directory: migrationsDirectory, seed: stack.databaseInit))
        } catch {
            fingerprint = .failure(.init(description: "\(migrationsDirectory.path): \(error)"))
        }
        return [
            DatabaseMigrationResource(
                address: migration, client: target.client, fingerprint: fingerprint, database: dataPlane.database,
                cluster: ResourceAddress(region: region, stage: .cluster, kind: "ecs_cluster", name: "main"),
                taskDefinition: ResourceAddress(region: region, stage: .taskdefs, kind: "task_definition",
                                                name: ServiceName.confirmWorker.rawValue),
                privateSubnets: network.layout.zones.map { network.privateSubnet($0.index) },
                securityGroup: network.securityGroup("worker"), settings: stack.databaseInit),
        ]
    }
}
