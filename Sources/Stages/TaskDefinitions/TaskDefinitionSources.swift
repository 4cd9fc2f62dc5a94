import Provisioning
import Stack

/// Which outputs of earlier stages a service's task definition is made from, and how they
/// become ``TaskDefinitionInputs``. Shared by the resource (outputs of its dependencies) and
/// `tpsctl render` (outputs recorded in the state directory), so both render the same thing.
struct TaskDefinitionSources: Sendable {
    let region: RegionName
    let service: ServiceName
    let images: ImageSource
    let executionRole: Dependency<IAMRoleResource.Outputs>
    let taskRole: Dependency<IAMRoleResource.Outputs>
    let logGroup: Dependency<LogGroupResource.Outputs>
    /// The stage 03 resources whose outputs become environment variables and secret ARNs.
    let environment: [ResourceAddress]

    init(region: RegionName, service: ServiceName, images: ImageSource, dataPlane: DataPlaneStage) {
        self.region = region
        self.service = service
        self.images = images
        executionRole = ClusterStage.executionRole(region)
        taskRole = ClusterStage.taskRole(region, service)
        logGroup = ClusterStage.logGroup(region, named: service.rawValue)
        environment = ServiceEnvironment.sources(in: dataPlane)
    }

    var image: Dependency<ECRImageResource.Outputs>? { images == .pushed ? ImageSource.image(region, service) : nil }

    var addresses: [ResourceAddress] {
        [executionRole.address, taskRole.address, logGroup.address] + environment + (image.map { [$0.address] } ?? [])
    }

    /// `outputs` answers a dependency's output (unknown while it is yet to be created).
    func inputs(stack: Stack, outputs: some OutputReader) throws -> TaskDefinitionInputs {
        let imageReference: PlannedValue<String>
        switch images {
        case .pushed: imageReference = try outputs.output(\.imageUri, of: ImageSource.image(region, service))
        case let .fixed(references):
            guard let reference = references[service] else { throw StageBuildError("\(region): no image given for \(service)") }
            imageReference = .known(reference)
        }
        // Task definitions run in AWS, where an endpoint given on the command line means nothing;
        // a stack's local section names the local AWS its local data plane's tasks must call.
        let endpoint = stack.local?.endpointURL.rawValue
        let section = try ServiceEnvironment.section(
            stack: stack, region: region, endpointURL: endpoint,
            outputs: EnvironmentOutputs(base: outputs, sources: Set(environment)))
        return TaskDefinitionInputs(
            image: imageReference,
            executionRoleArn: try outputs.output(\.roleArn, of: executionRole),
            taskRoleArn: try outputs.output(\.roleArn, of: taskRole),
            logGroup: try outputs.output(\.logGroupName, of: logGroup),
            environment: Dictionary(uniqueKeysWithValues: section.values.map { ($0.key.rawValue, $0.value) }),
            secrets: Dictionary(uniqueKeysWithValues: section.secrets.map { ($0.key.rawValue, $0.value.arn) }))
    }
}

/// The outputs of the environment's sources only: any other resource's are left out.
private struct EnvironmentOutputs<Base: OutputReader>: OutputReader {
    let base: Base
    let sources: Set<ResourceAddress>

    func output<Outputs, Value: Sendable & Hashable>(
        _ key: KeyPath<Outputs, Value>, of dependency: Dependency<Outputs>
    ) throws -> PlannedValue<Value> {
        guard sources.contains(dependency.address) else { throw NotASource(address: dependency.address) }
        return try base.output(key, of: dependency)
    }

    struct NotASource: Error {
        let address: ResourceAddress
    }
}
