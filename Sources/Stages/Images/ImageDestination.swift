import ContainerImage

/// One repository in one registry, with the credentials to reach it: where a region's image
/// of a service is pushed to, looked up in, pulled from and deleted from.
public struct ImageDestination: Sendable {
    public let registry: RegistryClient
    public let repository: String
    public let credentials: RegistryCredentials
    /// True when the registry is ECR itself (deletes go through the ECR API, which the
    /// registry protocol's DELETE does not reach on ECR).
    public let isECR: Bool

    /// `host[:port]/repository@sha256:…`: what task definitions pin.
    public func imageURI(_ digest: Digest) -> String {
        "\(registry.registryName)/\(repository)@\(digest)"
    }
}
