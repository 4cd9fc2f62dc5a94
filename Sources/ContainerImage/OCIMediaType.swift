/// The media types this module writes and reads.
public enum OCIMediaType {
    public static let imageIndex = "application/vnd.oci.image.index.v1+json"
    public static let imageManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let imageConfig = "application/vnd.oci.image.config.v1+json"
    public static let layerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"

    /// The Accept header for manifest requests: everything we can read.
    static let manifestAccept = [imageIndex, imageManifest, dockerManifestList, dockerManifest].joined(separator: ", ")

    static func isIndex(_ mediaType: String) -> Bool { mediaType == imageIndex || mediaType == dockerManifestList }
}
