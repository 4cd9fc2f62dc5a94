import AWSClient
import Provisioning
import Stack

/// Stage 04-taskdefs of one region: a task definition per service (and the load bot's), rendered from its template
/// with the image pushed by stage 01, the roles and log groups of stage 02 and the environment
/// (plain values and secret ARNs) from stage 03's outputs.
struct TaskDefinitionsStage: StageContribution {
    let stack: Stack
    let target: RegionTarget
    let dataPlane: DataPlaneStage
    let renderer: TaskDefinitionRenderer
    let images: ImageSource

    var region: RegionName { RegionName(target.name) }

    static func address(_ region: RegionName, _ service: ServiceName) -> ResourceAddress {
        taskDefinition(region, named: service.rawValue).address
    }

    /// `task_definition.<name>`: a service's, or the load bot's (`load-bot`).
    static func taskDefinition(_ region: RegionName, named name: String) -> Dependency<TaskDefinitionResource.Outputs> {
        Dependency(ResourceAddress(region: region, stage: .taskdefs, kind: "task_definition", name: name))
    }

    /// `task_definition.load-bot`, what `load run --ecs` runs.
    static func loadBotAddress(_ region: RegionName) -> ResourceAddress {
        taskDefinition(region, named: LoadBot.name).address
    }

    func resources() -> [any Resource] {
        services() + (images == .pushed ? [loadBot()] : [])
    }

    /// The load bot's definition needs stage 01's load-bot image, so only with pushed images.
    func loadBot() -> any Resource {
        TaskDefinitionResource(address: Self.loadBotAddress(region), client: target.client, template: LoadBotTaskDefinition(
            stack: stack, region: target.config.region, templatesDirectory: renderer.templatesDirectory,
            image: ECRStage.image(region, named: LoadBot.name), executionRole: ClusterStage.executionRole(region),
            logGroup: ClusterStage.logGroup(region, named: LoadBot.name), webhookSecret: dataPlane.webhookSecret))
    }

    func services() -> [any Resource] {
        ServiceName.allCases.map { service in
            TaskDefinitionResource(address: Self.address(region, service), client: target.client, template: ServiceTaskDefinition(
                stack: stack, region: target.config.region, service: service, renderer: renderer,
                sources: TaskDefinitionSources(region: region, service: service, images: images, dataPlane: dataPlane)))
        }
    }

    func sweeps() -> [KindSweep] {
        [KindSweep(TaskDefinitionResource.self, region: region, stage: .taskdefs,
                   scope: NamePrefixScope(client: target.client, namePrefix: "\(stack.name)-\(target.config.region.shortName)-"))]
    }
}
