import Provisioning
import Stack

/// Which outputs of earlier stages a service's task definition is made from, and how they
/// become ``TaskDefinitionInputs``. Shared by the resource (outputs of its dependencies) and
/// `tpsctl render` (outputs recorded in the state directory), so both render the same thing.
struct TaskDefinitionSources: Sendable {
    let region: RegionName
    let service: ServiceName
    let images: ImageSource
    let executionRole: ResourceAddress
    let taskRole: ResourceAddress
    let logGroup: ResourceAddress
    /// The stage 03 resources whose outputs become environment variables and secret ARNs.
    let environment: [ResourceAddress]

    init(region: RegionName, service: ServiceName, images: ImageSource, dataPlane: DataPlaneStage) {
        func cluster(_ kind: String, _ name: String) -> ResourceAddress {
            ResourceAddress(region: region, stage: .cluster, kind: kind, name: name)
        }
        self.region = region
        self.service = service
        self.images = images
        executionRole = cluster("iam_role", "task-execution")
        taskRole = cluster("iam_role", service.rawValue)
        logGroup = cluster("log_group", service.rawValue)
        environment = ServiceEnvironment.sources(in: dataPlane)
    }

    var image: ResourceAddress? { images == .pushed ? ImageSource.address(region, service) : nil }

    var addresses: [ResourceAddress] { [executionRole, taskRole, logGroup] + environment + (image.map { [$0] } ?? []) }

    /// `output` answers a dependency's output (unknown while it is yet to be created).
    func inputs(stack: Stack, output: (String, ResourceAddress) throws -> PlannedValue<String>) throws -> TaskDefinitionInputs {
        let imageReference: PlannedValue<String>
        switch images {
        case .pushed: imageReference = try output("imageUri", ImageSource.address(region, service))
        case let .fixed(references):
            guard let reference = references[service] else { throw StageBuildError("\(region): no image given for \(service)") }
            imageReference = .known(reference)
        }
        // Task definitions run in AWS, where an endpoint given on the command line means nothing;
        // a stack's local section names the local AWS its local data plane's tasks must call.
        let endpoint = stack.local?.endpointURL.rawValue
        let section = try ServiceEnvironment.section(stack: stack, region: region, endpointURL: endpoint) { source, key in
            guard environment.contains(source) else { return nil }
            switch try? output(key, source) {
            case .known(let value)?: return value
            case .knownAfterApply?: return TaskDefinitionRenderer.unknownMarker
            case nil: return nil
            }
        }
        return TaskDefinitionInputs(
            image: imageReference,
            executionRoleArn: try output("roleArn", executionRole),
            taskRoleArn: try output("roleArn", taskRole),
            logGroup: try output("logGroupName", logGroup),
            environment: Dictionary(uniqueKeysWithValues: section.values.map { ($0.key.rawValue, $0.value) }),
            secrets: Dictionary(uniqueKeysWithValues: section.secrets.map { ($0.key.rawValue, $0.value.arn) }))
    }
}
