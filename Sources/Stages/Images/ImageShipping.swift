import AWSClient
import ContainerImage
import Foundation
import Stack

/// How stage 01 ships images: where `tpsctl build` leaves the layouts (`<state dir>/images/
/// <service>`) and which registry receives them (ECR's, named by the repository URI, unless a
/// local run overrides it).
public struct ImageShipping: Sendable {
    public let imagesDirectory: URL
    public let registryOverride: RegistryOverride?
    /// Set on local runs (AWS calls go to an emulator): then ECR's repository URI names a
    /// registry that does not exist, so an override is required.
    public let usesEmulator: Bool
    /// The stack's `ecr.immutableTags`: when set, a tag naming another digest is refused on
    /// every registry (ECR would refuse it too; a local registry would silently move it).
    public let immutableTags: Bool

    public init(imagesDirectory: URL, registryOverride: RegistryOverride?, usesEmulator: Bool, immutableTags: Bool) {
        self.imagesDirectory = imagesDirectory
        self.registryOverride = registryOverride
        self.usesEmulator = usesEmulator
        self.immutableTags = immutableTags
    }

    /// The OCI layout `tpsctl build` writes for `service`.
    public func layoutPath(_ service: ServiceName) -> String {
        layoutPath(named: service.rawValue)
    }

    /// The layout of an image by its name in the images directory (a service's, or `load-bot`).
    public func layoutPath(named image: String) -> String {
        imagesDirectory.appendingPathComponent(image).path
    }

    /// Where a region's repository `repositoryUri` (as ECR reports it) is reached.
    ///
    /// An override registry stands in for every region's ECR at once, so each region gets its
    /// own namespace in it (`<region>/<repository>`), as each region has its own registry on
    /// AWS: otherwise `down` of one region would delete the image the other still runs, and
    /// which region "created" a shared image would depend on which push finished first.
    public func destination(repositoryUri: String, client: AWSClient) throws -> ImageDestination {
        let location = try RepositoryLocation(uri: repositoryUri)
        if registryOverride != nil {
            return try destination(RepositoryLocation(registryURL: location.registryURL,
                                                      repository: "\(client.region)/\(location.repository)"), client: client)
        }
        return try destination(location, client: client)
    }

    /// Where an image stage 01 recorded (`imageUri`, `host/repository@sha256:…`) is pulled
    /// from: the recorded repository as it is, already in its region's namespace.
    public func destination(recordedImageURI imageURI: String, client: AWSClient) throws -> ImageDestination {
        let repositoryURI = imageURI.split(separator: "@", maxSplits: 1).first.map(String.init) ?? imageURI
        return try destination(try RepositoryLocation(uri: repositoryURI), client: client)
    }

    private func destination(_ location: RepositoryLocation, client: AWSClient) throws -> ImageDestination {
        if let override = registryOverride {
            let credentials: RegistryCredentials = override.credentials.map { .basic($0) } ?? .ecr(ECR(client: client))
            return ImageDestination(registry: try RegistryClient(url: override.url, immutableTags: immutableTags), repository: location.repository,
                                    credentials: credentials, isECR: false)
        }
        guard !usesEmulator else {
            throw ImageShippingError(
                "the AWS endpoint is an emulator, whose ECR has no registry: set local.registryURL in the stack or \(RegistryOverride.urlVariable)")
        }
        return ImageDestination(registry: try RegistryClient(url: location.registryURL, immutableTags: immutableTags), repository: location.repository,
                                credentials: .ecr(ECR(client: client)), isECR: true)
    }
}
