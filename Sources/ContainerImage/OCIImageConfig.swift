/// The image configuration blob (`application/vnd.oci.image.config.v1+json`).
public struct OCIImageConfig: Codable, Sendable, Equatable {
    /// The runtime part (`config`), with the field names the OCI spec gives them.
    public struct Runtime: Codable, Sendable, Equatable {
        public var User: String?
        public var ExposedPorts: [String: EmptyObject]?
        public var Env: [String]?
        public var Entrypoint: [String]?
        public var Cmd: [String]?
        public var WorkingDir: String?
        public var Labels: [String: String]?
    }

    public struct RootFS: Codable, Sendable, Equatable {
        public var type: String
        public var diff_ids: [Digest]
    }

    public struct History: Codable, Sendable, Equatable {
        public var created: String?
        public var created_by: String?
    }

    /// `{}` in JSON, the value type of ExposedPorts.
    public struct EmptyObject: Codable, Sendable, Equatable {
        public init() {}
    }

    public var created: String?
    public var architecture: String
    public var os: String
    public var config: Runtime?
    public var rootfs: RootFS
    public var history: [History]?
}
