/// A content descriptor: what a manifest or index says about a blob it references.
public struct OCIDescriptor: Codable, Sendable, Equatable {
    public struct Platform: Codable, Sendable, Equatable {
        public var architecture: String
        public var os: String
    }

    public var mediaType: String
    public var digest: Digest
    public var size: Int64
    public var platform: Platform?
    public var annotations: [String: String]?

    public init(mediaType: String, digest: Digest, size: Int64, platform: Platform? = nil, annotations: [String: String]? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.platform = platform
        self.annotations = annotations
    }
}
