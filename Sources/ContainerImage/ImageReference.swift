/// What a build produced: the layout on disk and the digests that identify the image.
/// `indexDigest` is what gets tagged and pinned; `manifestDigest` is the platform image.
public struct ImageReference: Sendable, Equatable, CustomStringConvertible {
    public let service: String
    public let layoutPath: String
    public let indexDigest: Digest
    public let manifestDigest: Digest
    public let configDigest: Digest
    public let layers: [LayerBlob]
    public let architecture: String

    /// Sum of the compressed layer sizes: what a registry stores and a task pulls.
    public var compressedSize: Int64 { layers.reduce(0) { $0 + $1.size } }

    public var description: String {
        "\(service) \(architecture) index \(indexDigest) manifest \(manifestDigest) (\(compressedSize) bytes compressed)"
    }
}
