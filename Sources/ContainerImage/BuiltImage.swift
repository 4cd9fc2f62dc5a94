/// The image `tpsctl build` left in an OCI layout, as `push` and the stage see it: the digest
/// its tag will name and the source revision it was built from (the tag). Read from the
/// layout's index.json alone, so knowing what should be in the registry costs no hashing.
public struct BuiltImage: Sendable, Equatable {
    public let layoutPath: String
    /// The top document's digest (the image index): what the stage pins and records.
    public let digest: Digest
    /// The `org.opencontainers.image.ref.name` annotation: the revision, used as the tag.
    public let tag: String

    /// Opens the layout at `path`; nil when nothing is there (not built yet). A directory
    /// that is not a complete single-image layout is an error naming the path.
    public static func open(at path: String) throws -> BuiltImage? {
        guard try lstatIfPresent(path) != nil else { return nil }
        let layout = try ImageLayoutDirectory.open(at: path)
        let entries = try layout.readIndex().manifests
        guard entries.count == 1, let entry = entries.first else {
            throw ContainerImageError.invalidLayout(path: path, reason: "index.json lists \(entries.count) images, expected 1")
        }
        guard let tag = entry.annotations?["org.opencontainers.image.ref.name"], !tag.isEmpty else {
            throw ContainerImageError.invalidLayout(path: path, reason: "index.json has no org.opencontainers.image.ref.name (the revision)")
        }
        guard try lstatIfPresent(layout.blobPath(entry.digest)) != nil else {
            throw ContainerImageError.invalidLayout(path: path, reason: "blob \(entry.digest) is missing")
        }
        return BuiltImage(layoutPath: path, digest: entry.digest, tag: tag)
    }

    public var layout: ImageLayoutDirectory { ImageLayoutDirectory(path: layoutPath) }
}
