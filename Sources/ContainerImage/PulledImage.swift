/// An image pulled by digest into a local OCI layout, every blob verified.
public struct PulledImage: Sendable {
    public let layout: ImageLayoutDirectory
    /// The digest asked for (an index or a manifest).
    public let digest: Digest
    public let manifestDigest: Digest
    public let manifest: OCIManifest
    public let config: OCIImageConfig
    /// Manifests, config and layers whose digests were checked.
    public let verifiedDigests: Int
    public let bytesDownloaded: Int64
}
