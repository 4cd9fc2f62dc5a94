import AWSClient
import Provisioning
import Stack

/// Stage 01-ecr of one region: one repository per service (repositories are regional, so
/// each region's tasks pull from their own).
struct ECRStage {
    let stack: Stack
    let target: RegionTarget

    var region: RegionName { RegionName(target.name) }

    static func address(_ region: RegionName, _ service: ServiceName) -> ResourceAddress {
        ResourceAddress(region: region, stage: .ecr, kind: "ecr_repository", name: service.rawValue)
    }

    func resources() -> [any Resource] {
        ServiceName.allCases.map { service in
            ECRRepositoryResource(
                address: Self.address(region, service), client: target.client,
                repositoryName: stack.namer(for: target.config.region).repositoryName(service),
                immutableTags: stack.ecr.immutableTags, scanOnPush: stack.ecr.scanOnPush,
                keepLastImages: stack.ecr.keepLastImages)
        }
    }

    func families() -> [any ResourceFamily] {
        [ECRRepositoryFamily(region: region, client: target.client, namePrefix: "\(stack.name)/")]
    }
}
