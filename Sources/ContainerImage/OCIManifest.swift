/// An image manifest: one config and its layers for one platform.
public struct OCIManifest: Codable, Sendable, Equatable {
    public var schemaVersion: Int = 2
    public var mediaType: String? = OCIMediaType.imageManifest
    public var config: OCIDescriptor
    public var layers: [OCIDescriptor]
    public var annotations: [String: String]?

    public init(config: OCIDescriptor, layers: [OCIDescriptor], annotations: [String: String]? = nil) {
        self.config = config
        self.layers = layers
        self.annotations = annotations
    }
}
