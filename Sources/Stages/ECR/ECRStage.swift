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

    /// `ecr_repository.<name>`: a service's repository, or the load bot's (`load-bot`).
    static func repository(_ region: RegionName, named name: String) -> Dependency<ECRRepositoryResource.Outputs> {
        Dependency(ResourceAddress(region: region, stage: .ecr, kind: "ecr_repository", name: name))
    }

    /// `ecr_image.<name>`: outputs `imageUri` (digest-pinned) and `digest` for stage 04.
    static func image(_ region: RegionName, named name: String) -> Dependency<ECRImageResource.Outputs> {
        Dependency(ResourceAddress(region: region, stage: .ecr, kind: "ecr_image", name: name))
    }

    func resources() -> [any Resource] {
        let repositories: [any Resource] = ServiceName.allCases.map { service in
            ECRRepositoryResource(
                address: Self.repository(region, named: service.rawValue).address, client: target.client,
                repositoryName: stack.namer(for: target.config.region).repositoryName(service),
                immutableTags: stack.ecr.immutableTags, scanOnPush: stack.ecr.scanOnPush,
                keepLastImages: stack.ecr.keepLastImages)
        }
        let images: [any Resource] = ServiceName.allCases.map { service in
            ECRImageResource(address: Self.image(region, named: service.rawValue).address, image: service.rawValue,
                             repository: Self.repository(region, named: service.rawValue), client: target.client,
                             shipping: shipping)
        }
        let loadBot: [any Resource] = [
            ECRRepositoryResource(
                address: Self.repository(region, named: LoadBot.name).address, client: target.client,
                repositoryName: stack.namer(for: target.config.region).repositoryName(named: LoadBot.name),
                immutableTags: stack.ecr.immutableTags, scanOnPush: stack.ecr.scanOnPush,
                keepLastImages: stack.ecr.keepLastImages),
            ECRImageResource(address: Self.image(region, named: LoadBot.name).address, image: LoadBot.name,
                             repository: Self.repository(region, named: LoadBot.name), client: target.client,
                             shipping: shipping),
        ]
        return repositories + images + loadBot
    }

    func sweeps() -> [KindSweep] {
        [KindSweep(ECRRepositoryResource.self, region: region, stage: .ecr,
                   scope: NamePrefixScope(client: target.client, namePrefix: "\(stack.name)/"))]
    }
}
