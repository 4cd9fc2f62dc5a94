import AWSClient
import Provisioning
import Stack

/// Stage 04-taskdefs of one region: a task definition per service, rendered from its template
/// with the image pushed by stage 01, the roles and log groups of stage 02 and the environment
/// (plain values and secret ARNs) from stage 03's outputs.
struct TaskDefinitionsStage {
    let stack: Stack
    let target: RegionTarget
    let dataPlane: DataPlaneStage
    let renderer: TaskDefinitionRenderer
    let images: ImageSource

    var region: RegionName { RegionName(target.name) }

    static func address(_ region: RegionName, _ service: ServiceName) -> ResourceAddress {
        ResourceAddress(region: region, stage: .taskdefs, kind: "task_definition", name: service.rawValue)
    }

    func resources() -> [any Resource] {
        ServiceName.allCases.map { service in
            TaskDefinitionResource(
                address: Self.address(region, service), client: target.client, stack: stack,
                region: target.config.region, service: service, renderer: renderer,
                sources: TaskDefinitionSources(region: region, service: service, images: images, dataPlane: dataPlane))
        }
    }

    func families() -> [any ResourceFamily] {
        [TaskDefinitionFamily(region: region, client: target.client,
                              namePrefix: "\(stack.name)-\(target.config.region.shortName)-")]
    }
}
