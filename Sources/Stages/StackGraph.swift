import AWSClient
import Foundation
import Provisioning
import Stack

/// Turns a validated stack into the engine's resource graph for the chosen regions: every
/// stage's resources and the kinds `diff` and `down` sweep by tag. The only AWS calls made
/// here are reads (GetCallerIdentity for the account in IAM policies, DescribeAvailabilityZones),
/// after the stack and flags were validated.
public enum StackGraph {
    /// `images` nil: stage 01's pushed images (`ecr_image.*`); `.fixed`: images given by digest.
    /// `migrationsDirectory` holds the SQL stages 05 (schema) and 08 (schema and seed) apply (its
    /// fingerprint decides whether to run).
    public static func build(_ stack: Stack, targets: [RegionTarget], shipping: ImageShipping, images: ImageSource? = nil,
                             renderer: TaskDefinitionRenderer = TaskDefinitionRenderer(),
                             migrationsDirectory: URL = URL(fileURLWithPath: "templates/db"),
                             localPasswords: LocalServerPasswords? = nil,
                             skipFinalSnapshot: Bool = false) async throws -> ResourceGraph {
        guard let first = targets.first else { return try ResourceGraph([]) }
        let account = try await STS(client: first.client).getCallerIdentity().account
        var stages: [any StageContribution] = []
        for target in targets {
            let zones = try await AvailabilityZones.list(target.client)
            guard zones.count >= target.config.azCount else {
                throw StageBuildError(
                    "\(target.name): azCount is \(target.config.azCount) but the region has \(zones.count) available AZs")
            }
            let network = try NetworkStage(stack: stack, target: target, zones: Array(zones.prefix(target.config.azCount)))
            let dataPlane = DataPlaneStage(stack: stack, target: target, network: network, account: account, localPasswords: localPasswords,
                                           firstRegionTargeted: targets.contains { $0.config.region == stack.regions[0].region },
                                           skipFinalSnapshot: skipFinalSnapshot)
            let databaseInit = DatabaseInitStage(stack: stack, target: target, network: network, dataPlane: dataPlane,
                                                 migrationsDirectory: migrationsDirectory)
            stages += [
                network,
                ECRStage(stack: stack, target: target, shipping: shipping),
                ClusterStage(stack: stack, target: target, account: account),
                dataPlane,
                TaskDefinitionsStage(stack: stack, target: target, dataPlane: dataPlane, renderer: renderer, images: images ?? .pushed),
                ServicesStage(stack: stack, target: target, network: network, account: account,
                              schemaMigration: databaseInit.schemaMigration(),
                              originSecret: OriginSecret.of(stack, client: target.client, ownerTargeted: targets.contains {
                                  $0.config.region == stack.primaryRegion
                              })),
                AutoscalingStage(stack: stack, target: target),
                databaseInit,
            ]
        }
        if let cloudFront = CloudFrontStage(stack: stack, targets: targets) { stages.append(cloudFront) }
        return try ResourceGraph(stages.flatMap { $0.resources() }, sweeps: stages.flatMap { $0.sweeps() })
    }
}

/// A stack the stages cannot turn into resources (a fact learnt from AWS, e.g. too few AZs).
public struct StageBuildError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
