import AWSClient
import ContainerImage
import Provisioning
import Stack

/// `tpsctl push` outside `up`: pushes a built image to a region's existing repository and
/// records it in stage 01's state exactly as `up` would (`ecr_image.<service>` outputs), so
/// stage 04 pins the same digest whichever command shipped it.
public struct ImagePublisher: Sendable {
    public let deployment: Deployment

    public init(deployment: Deployment) {
        self.deployment = deployment
    }

    /// What one push did, for the report line.
    public struct Published: Sendable {
        public let address: ResourceAddress
        public let imageURI: String
        public let report: PushReport
    }

    /// The address the stage records a service's image under.
    public static func address(_ region: RegionName, _ service: ServiceName) -> ResourceAddress {
        ECRStage.image(region, named: service.rawValue).address
    }

    public func publish(_ service: ServiceName, to target: RegionTarget) async throws -> Published {
        let shipping = deployment.shipping
        guard let built = try BuiltImage.open(at: shipping.layoutPath(service)) else {
            throw ImageShippingError("\(service): no image at \(shipping.layoutPath(service)); run tpsctl build --service \(service) first")
        }
        let repositoryName = deployment.stack.namer(for: target.config.region).repositoryName(service)
        let uri = try await repositoryUri(repositoryName, target: target)
        let destination = try shipping.destination(repositoryUri: uri, client: target.client)
        let report = try await destination.registry.push(layout: built.layout, repository: destination.repository,
                                                         tag: built.tag, credentials: destination.credentials)
        let region = RegionName(target.name)
        let resource = ECRImageResource(address: Self.address(region, service), image: service.rawValue,
                                        repository: ECRStage.repository(region, named: service.rawValue), client: target.client,
                                        shipping: shipping)
        let live = ECRImageResource.Live(destination: destination, digest: report.digest, tag: built.tag, tagDigest: report.digest)
        var diff = ResourceDiff(liveExists: true)
        let context = ResourceContext(stack: deployment.stack.name, address: resource.address, phase: .apply)
        try resource.diff(live, into: &diff, context: context)
        try await deployment.store.record(resource.address, stack: deployment.stack.name, outputs: resource.recordedOutputs(live),
                                          applied: diff.desiredValues)
        return Published(address: resource.address, imageURI: destination.imageURI(report.digest), report: report)
    }

    /// The repository's URI from ECR; a missing repository points at stage 01.
    private func repositoryUri(_ name: String, target: RegionTarget) async throws -> String {
        do {
            let found = try await ECR(client: target.client).describeRepositories(names: [name])
            if let uri = found.first?.uri, !uri.isEmpty { return uri }
        } catch where AWSErrorMatching.isNotFound(error) {}
        throw ImageShippingError("\(target.name): repository \(name) does not exist; run tpsctl up --stage 01 first")
    }
}
