import AWSClient
import Provisioning
import Stack

/// A service's task definition: its template under `templates/taskdefs`, filled from its
/// sources' outputs (image, roles, log group, environment).
struct ServiceTaskDefinition: TaskDefinitionTemplate {
    let stack: Stack
    let region: AWSRegion
    let service: ServiceName
    let renderer: TaskDefinitionRenderer
    let sources: TaskDefinitionSources

    var family: String { TaskDefinitionRenderer.family(stack: stack, region: region, service: service) }

    var dependencies: [ResourceAddress] { sources.addresses }

    func desired(_ context: ResourceContext) throws -> JSONValue {
        try renderer.render(service, stack: stack, region: region, inputs: try inputs(context))
    }

    func inputs(_ context: ResourceContext) throws -> TaskDefinitionInputs {
        try sources.inputs(stack: stack, outputs: context)
    }
}
