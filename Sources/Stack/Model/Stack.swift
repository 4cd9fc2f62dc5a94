/// A validated stack file: everything the stages need to provision, ship and tear down the
/// ticketing system in each of its regions. Obtain one from `StackLoader.load(path:)`.
public struct Stack: Sendable, Equatable {
    /// The first part of every resource name; see `StackNameRule`.
    public var name: String
    /// User tags added to every resource (the `tps:` keys are tpsctl's own).
    public var tags: [String: String]
    /// In file order; the first is the default primary.
    public var regions: [RegionConfig]
    public var network: NetworkConfig
    public var ecr: ECRConfig
    public var logs: LogsConfig
    public var dataPlane: DataPlaneConfig
    public var services: Services
    public var loadBalancer: LoadBalancerConfig
    public var cloudFront: CloudFrontConfig
    /// The public DNS name and its zone; nil: no custom domain (HTTP to the ALBs).
    public var domain: DomainConfig?
    public var databaseInit: DatabaseInitConfig
    public var app: AppConfig
    public var capacity: CapacityConfig
    /// Present only in stacks meant for the local emulator.
    public var local: LocalConfig?
    /// `production: true`: the data is kept — Aurora is deletion-protected and `down` leaves a
    /// final snapshot (unless `--skip-final-snapshot`) and asks for the stack name even when
    /// piped (unless `--yes`).
    public var production = false
    /// The WAF web ACL on the CloudFront distribution (stage 07).
    public var waf = WAFConfig()

    public init(name: String, tags: [String: String] = [:], regions: [RegionConfig],
                network: NetworkConfig = NetworkConfig(), ecr: ECRConfig = ECRConfig(), logs: LogsConfig = LogsConfig(),
                dataPlane: DataPlaneConfig = DataPlaneConfig(), services: Services = Services(),
                loadBalancer: LoadBalancerConfig = LoadBalancerConfig(), cloudFront: CloudFrontConfig = CloudFrontConfig(),
                databaseInit: DatabaseInitConfig = DatabaseInitConfig(), app: AppConfig = AppConfig(),
                capacity: CapacityConfig = CapacityConfig(), local: LocalConfig? = nil) {
        self.name = name
        self.tags = tags
        self.regions = regions
        self.network = network
        self.ecr = ecr
        self.logs = logs
        self.dataPlane = dataPlane
        self.services = services
        self.loadBalancer = loadBalancer
        self.cloudFront = cloudFront
        self.databaseInit = databaseInit
        self.app = app
        self.capacity = capacity
        self.local = local
    }

    public func region(_ region: AWSRegion) -> RegionConfig? {
        regions.first { $0.region == region }
    }

    /// The region that sells (`app.homeRegion`, else the first region): writes are answered
    /// there only, and the distribution sends them to its ALB.
    public var homeRegion: AWSRegion {
        app.homeRegion ?? regions[0].region
    }

    /// The origin group's primary region for CloudFront (`cloudFront.primaryRegion`, else the
    /// home region; the validator requires the two to agree, see `StackValidator`).
    public var primaryRegion: AWSRegion {
        cloudFront.primaryRegion ?? homeRegion
    }

    /// The service as it runs in `region`: the stack-wide config with that region's task counts.
    public func service(_ name: ServiceName, in region: AWSRegion) -> ServiceConfig {
        var service = services[name]
        if let override = self.region(region)?.overrides.services[name] {
            service.desiredCount = override.desiredCount ?? service.desiredCount
            service.minCount = override.minCount ?? service.minCount
            service.maxCount = override.maxCount ?? service.maxCount
        }
        return service
    }

    /// Aurora as sized in `region`.
    public func aurora(in region: AWSRegion) -> AuroraConfig {
        var aurora = dataPlane.aurora
        let overrides = self.region(region)?.overrides
        aurora.minACU = overrides?.auroraMinACU ?? aurora.minACU
        aurora.maxACU = overrides?.auroraMaxACU ?? aurora.maxACU
        return aurora
    }

    /// Redis as sized in `region`.
    public func redis(in region: AWSRegion) -> RedisConfig {
        var redis = dataPlane.redis
        let overrides = self.region(region)?.overrides
        redis.nodeType = overrides?.redisNodeType ?? redis.nodeType
        redis.replicas = overrides?.redisReplicas ?? redis.replicas
        return redis
    }

    /// The public and private subnets of `region`'s VPC, per AZ.
    /// Never throws for a stack that came from `StackLoader` (the fit was validated).
    public func subnets(in region: AWSRegion) throws(SubnetCarvingError) -> SubnetLayout? {
        try self.region(region)?.subnets(network)
    }

    /// Names resources of `region` (`<stack>-<region-short>-<role>`).
    public func namer(for region: AWSRegion) -> ResourceNamer {
        ResourceNamer(stack: name, region: region)
    }
}
