import AWSClient
import Provisioning
import Stack

/// `tpsctl render`: a service's task definition as `up` would register it, filled from the
/// outputs recorded in the state directory (no AWS call). Values not recorded yet show as
/// `(known after apply)`. The target's client is only carried, never called.
public enum TaskDefinitionPreview {
    public static func render(_ deployment: Deployment, target: RegionTarget, service: ServiceName,
                              recorded: RecordedOutputs) throws -> JSONValue {
        let region = RegionName(target.name)
        // Only the data plane's addresses are needed here, not the AZ names subnets are placed in.
        let network = try NetworkStage(stack: deployment.stack, target: target, zones: [])
        let dataPlane = DataPlaneStage(stack: deployment.stack, target: target, network: network,
                                       localPasswords: deployment.localPasswords)
        let images = deployment.images ?? .pushed
        let sources = TaskDefinitionSources(region: region, service: service, images: images, dataPlane: dataPlane)
        let inputs = try sources.inputs(stack: deployment.stack, outputs: RecordedOrPlannedOutputs(recorded: recorded))
        return try TaskDefinitionRenderer(templatesDirectory: deployment.templatesDirectory)
            .render(service, stack: deployment.stack, region: target.config.region, inputs: inputs)
    }
}
