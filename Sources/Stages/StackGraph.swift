import AWSClient
import Foundation
import Provisioning
import Stack

/// Turns a validated stack into the engine's resource graph for the chosen regions: every
/// stage's resources and the families `diff` and `down` sweep by tag. The only AWS calls made
/// here are reads (GetCallerIdentity for the account in IAM policies, DescribeAvailabilityZones),
/// after the stack and flags were validated.
public enum StackGraph {
    /// `images` nil: stage 01's pushed images (`ecr_image.*`) when the graph has them; without
    /// them stages 04-05 are left out (`Deployment.graph` refuses a selection that needs them),
    /// and so are the stages built on them (06 and 08 per region, 07 across regions).
    /// `migrationsDirectory` holds the SQL stage 08 applies (its fingerprint decides whether to run).
    public static func build(_ stack: Stack, targets: [RegionTarget], shipping: ImageShipping, images: ImageSource? = nil,
                             renderer: TaskDefinitionRenderer = TaskDefinitionRenderer(),
                             migrationsDirectory: URL = URL(fileURLWithPath: "templates/db")) async throws -> ResourceGraph {
        var resources: [any Resource] = []
        var families: [any ResourceFamily] = []
        guard let first = targets.first else { return try ResourceGraph([]) }
        let account = try await STS(client: first.client).getCallerIdentity().account
        for target in targets {
            let zones = try await AvailabilityZones.list(target.client)
            guard zones.count >= target.config.azCount else {
                throw StageBuildError(
                    "\(target.name): azCount is \(target.config.azCount) but the region has \(zones.count) available AZs")
            }
            let network = try NetworkStage(stack: stack, target: target, zones: Array(zones.prefix(target.config.azCount)))
            resources += network.resources()
            families += network.families()
            let ecr = ECRStage(stack: stack, target: target, shipping: shipping)
            resources += ecr.resources()
            families += ecr.families()
            let cluster = ClusterStage(stack: stack, target: target, account: account)
            resources += cluster.resources()
            families += cluster.families()
            let dataPlane = DataPlaneStage(stack: stack, target: target, network: network)
            resources += dataPlane.resources()
            families += dataPlane.families()
            let pushed = resources.contains { $0.address == ImageSource.address(RegionName(target.name), .publicAPI) }
            guard let images = images ?? (pushed ? .pushed : nil) else { continue }
            let taskDefinitions = TaskDefinitionsStage(stack: stack, target: target, dataPlane: dataPlane,
                                                       renderer: renderer, images: images)
            resources += taskDefinitions.resources()
            families += taskDefinitions.families()
            let services = ServicesStage(stack: stack, target: target, network: network)
            resources += services.resources()
            families += services.families()
            let autoscaling = AutoscalingStage(stack: stack, target: target)
            if autoscaling.servicesPresent(in: resources) {
                resources += autoscaling.resources()
                families += autoscaling.families()
            }
            resources += DatabaseInitStage(stack: stack, target: target, network: network,
                                           migrationsDirectory: migrationsDirectory).resources()
        }
        if let cloudFront = CloudFrontStage(stack: stack, targets: targets), cloudFront.originsPresent(in: resources) {
            resources += cloudFront.resources()
            families += cloudFront.families()
        }
        return try ResourceGraph(resources, families: families)
    }
}

/// A stack the stages cannot turn into resources (a fact learnt from AWS, e.g. too few AZs).
public struct StageBuildError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
