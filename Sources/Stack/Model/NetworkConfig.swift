/// Subnet sizing shared by all regions (each region's VPC range is its own).
public struct NetworkConfig: Sendable, Equatable {
    /// Public subnets hold only the ALB and NAT gateways: small is enough.
    public var publicSubnetPrefixLength: Int
    /// Private subnets hold every Fargate task ENI, Redis and Aurora: size for peak task count.
    public var privateSubnetPrefixLength: Int
    /// Interface endpoints (ECR, logs, SQS, Secrets Manager) keep image pulls and API calls off
    /// the NAT gateways; they cost per AZ-hour, so small stacks may turn them off.
    public var interfaceEndpoints: Bool

    public init(publicSubnetPrefixLength: Int = 24, privateSubnetPrefixLength: Int = 20,
                interfaceEndpoints: Bool = true) {
        self.publicSubnetPrefixLength = publicSubnetPrefixLength
        self.privateSubnetPrefixLength = privateSubnetPrefixLength
        self.interfaceEndpoints = interfaceEndpoints
    }

    /// AWS accepts VPCs and subnets between /16 and /28.
    public static let prefixLengthRange = 16...28
}
