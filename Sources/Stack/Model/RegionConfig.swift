/// One region of the stack: its VPC range, how many AZs it spans, its NAT layout and any
/// per-region sizing that differs from the stack-wide values.
public struct RegionConfig: Sendable, Equatable {
    public var region: AWSRegion
    public var cidr: IPv4CIDR
    public var azCount: Int
    public var nat: NATMode
    public var overrides: RegionOverrides

    public init(region: AWSRegion, cidr: IPv4CIDR, azCount: Int = 3, nat: NATMode = .perAZ,
                overrides: RegionOverrides = RegionOverrides()) {
        self.region = region
        self.cidr = cidr
        self.azCount = azCount
        self.nat = nat
        self.overrides = overrides
    }

    /// AZs are at most 6 in any region; an ALB and an Aurora subnet group need at least 2.
    public static let azCountRange = 2...6

    /// The public and private subnets per AZ, carved from this region's VPC.
    public func subnets(_ network: NetworkConfig) throws(SubnetCarvingError) -> SubnetLayout {
        try SubnetLayout.carve(vpc: cidr, azCount: azCount, publicPrefixLength: network.publicSubnetPrefixLength,
                               privatePrefixLength: network.privateSubnetPrefixLength)
    }
}
