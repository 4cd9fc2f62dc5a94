/// Where a local run finds its stand-ins for AWS: the emulator, the registry and PostgreSQL.
/// Used by `stacks/local.yaml`; absent from production stacks.
public struct LocalConfig: Sendable, Equatable {
    /// The local AWS emulator; every AWS call goes there instead of the regional endpoints.
    public var endpointURL: ConnectionURL
    /// The OCI registry images are pushed to instead of ECR.
    public var registryURL: ConnectionURL?
    /// The database stage 08 migrates directly, and the services use as DATABASE_URL.
    public var databaseURL: ConnectionURL?
    /// A Redis the services use locally (the emulator's ElastiCache has no data plane).
    public var redisURL: ConnectionURL?
    /// The CA that signed the local PostgreSQL's certificate (PEM, absolute once loaded): it
    /// stands in for the RDS bundle, in the images and for `verify-full`, as `databaseURL` stands
    /// in for Aurora.
    public var databaseCA: String?
    /// The CA that signed a `rediss://` `redisURL`'s certificate; nil: the system roots, as for
    /// ElastiCache.
    public var redisCA: String?

    public init(endpointURL: ConnectionURL, registryURL: ConnectionURL? = nil, databaseURL: ConnectionURL? = nil,
                redisURL: ConnectionURL? = nil) {
        self.endpointURL = endpointURL
        self.registryURL = registryURL
        self.databaseURL = databaseURL
        self.redisURL = redisURL
    }
}
