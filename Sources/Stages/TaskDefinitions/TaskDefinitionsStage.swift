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
        ResourceAddress(region: region, stage: .taskdefs, kind: "task_definition", name: service.rawValue)
    }

    /// `task_definition.load-bot`, what `load run --ecs` runs.
    static func loadBotAddress(_ region: RegionName) -> ResourceAddress {
        ResourceAddress(region: region, stage: .taskdefs, kind: "task_definition", name: LoadBot.name)
    }

    func resources() -> [any Resource] {
        services() + (images == .pushed ? [loadBot()] : [])
    }

    /// The load bot's definition needs stage 01's load-bot image, so only with pushed images.
    func loadBot() -> any Resource {
        func cluster(_ kind: String, _ name: String) -> ResourceAddress {
            ResourceAddress(region: region, stage: .cluster, kind: kind, name: name)
        }
        return TaskDefinitionResource(address: Self.loadBotAddress(region), client: target.client, template: LoadBotTaskDefinition(
            stack: stack, region: target.config.region, templatesDirectory: renderer.templatesDirectory,
            image: ECRStage.loadBotImageAddress(region), executionRole: cluster("iam_role", "task-execution"),
            logGroup: cluster("log_group", LoadBot.name), webhookSecret: dataPlane.webhookSecret))
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
