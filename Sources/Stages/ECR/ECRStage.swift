import AWSClient
import Provisioning
import Stack

/// Stage 01-ecr of one region: one repository per service (repositories are regional, so
/// each region's tasks pull from their own) and the service's built image pushed into it; the
/// same for the load bot (``LoadBot``), which `load run --ecs` runs as tasks.
struct ECRStage: StageContribution {
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

    /// The load bot's repository and image (`ecr_repository.load-bot`, `ecr_image.load-bot`).
    static func loadBotAddress(_ region: RegionName) -> ResourceAddress {
        ResourceAddress(region: region, stage: .ecr, kind: "ecr_repository", name: LoadBot.name)
    }

    static func loadBotImageAddress(_ region: RegionName) -> ResourceAddress {
        ResourceAddress(region: region, stage: .ecr, kind: "ecr_image", name: LoadBot.name)
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
            ECRImageResource(address: Self.imageAddress(region, service), image: service.rawValue,
                             repositoryAddress: Self.address(region, service), client: target.client, shipping: shipping)
        }
        let loadBot: [any Resource] = [
            ECRRepositoryResource(
                address: Self.loadBotAddress(region), client: target.client,
                repositoryName: stack.namer(for: target.config.region).repositoryName(named: LoadBot.name),
                immutableTags: stack.ecr.immutableTags, scanOnPush: stack.ecr.scanOnPush,
                keepLastImages: stack.ecr.keepLastImages),
            ECRImageResource(address: Self.loadBotImageAddress(region), image: LoadBot.name,
                             repositoryAddress: Self.loadBotAddress(region), client: target.client, shipping: shipping),
        ]
        return repositories + images + loadBot
    }

    func sweeps() -> [KindSweep] {
        [KindSweep(ECRRepositoryResource.self, region: region, stage: .ecr,
                   scope: NamePrefixScope(client: target.client, namePrefix: "\(stack.name)/"))]
    }
}
