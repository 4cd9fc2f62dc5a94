/// An image index: the manifests of one image, one per platform (we build one). It is also
/// the shape of an OCI layout's `index.json`.
public struct OCIIndex: Codable, Sendable, Equatable {
    public var schemaVersion: Int = 2
    public var mediaType: String? = OCIMediaType.imageIndex
    public var manifests: [OCIDescriptor]
    public var annotations: [String: String]?

    public init(manifests: [OCIDescriptor], annotations: [String: String]? = nil) {
        self.manifests = manifests
        self.annotations = annotations
    }
}
