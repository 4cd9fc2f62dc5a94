/// What a push did: the digests now in the registry and what it cost. `bytesUploaded` counts
/// blob bytes the registry accepted, so a re-push of an unchanged image reports zero.
public struct PushReport: Sendable, CustomStringConvertible {
    public let repository: String
    public let tag: String
    /// The digest the tag points at (the image index); pin deployments to this.
    public let digest: Digest
    public let manifestDigests: [Digest]
    public internal(set) var blobsUploaded = 0
    public internal(set) var blobsSkipped = 0
    public internal(set) var bytesUploaded: Int64 = 0
    /// Requests repeated after a transient failure, and uploads resumed or restarted.
    public internal(set) var retries = 0
    public internal(set) var uploadsResumed = 0
    public internal(set) var uploadsRestarted = 0
    /// True when the tag already pointed at this digest (nothing was re-tagged).
    public internal(set) var tagAlreadyPresent = false

    init(repository: String, tag: String, digest: Digest, manifestDigests: [Digest]) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.manifestDigests = manifestDigests
    }

    public var description: String {
        "\(repository):\(tag)@\(digest): \(blobsUploaded) blobs uploaded (\(bytesUploaded) bytes), \(blobsSkipped) already present, \(retries) retries"
    }
}
