import AWSClient
import Provisioning
import Stack

/// Stage 01-ecr of one region: one repository per service (repositories are regional, so
/// each region's tasks pull from their own) and the service's built image pushed into it.
struct ECRStage {
    let stack: Stack
    let target: RegionTarget
    let shipping: ImageShipping

    var region: RegionName { RegionName(target.name) }

    static func address(_ region: RegionName, _ service: ServiceName) -> ResourceAddress {
        ResourceAddress(region: region, stage: .ecr, kind: "ecr_repository", name: service.rawValue)
    }

    /// `ecr_image.<service>`: outputs `imageUri` (digest-pinned) and `digest` for stage 04.
    static func imageAddress(_ region: RegionName, _ service: ServiceName) -> ResourceAddress {
        ResourceAddress(region: region, stage: .ecr, kind: "ecr_image", name: service.rawValue)
    }

    func resources() -> [any Resource] {
        let repositories: [any Resource] = ServiceName.allCases.map { service in
            ECRRepositoryResource(
                address: Self.address(region, service), client: target.client,
                repositoryName: stack.namer(for: target.config.region).repositoryName(service),
                immutableTags: stack.ecr.immutableTags, scanOnPush: stack.ecr.scanOnPush,
                keepLastImages: stack.ecr.keepLastImages)
        }
        let images: [any Resource] = ServiceName.allCases.map { service in
            ECRImageResource(address: Self.imageAddress(region, service), service: service,
                             repositoryAddress: Self.address(region, service), client: target.client, shipping: shipping)
        }
        return repositories + images
    }

    func families() -> [any ResourceFamily] {
        [ECRRepositoryFamily(region: region, client: target.client, namePrefix: "\(stack.name)/")]
    }
}
