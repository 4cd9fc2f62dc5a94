/// The public and private subnet of each AZ, carved from a VPC range.
///
/// Private subnets are taken from the start of the VPC upwards and public ones from its end
/// downwards, each at its own size and naturally aligned. Adding an AZ therefore appends one
/// subnet at each end and never moves an existing one (moving a subnet means replacing it,
/// with every ENI in it), and the layout is a pure function of the inputs, so every run and
/// every machine computes the same CIDRs.
public struct SubnetLayout: Sendable, Equatable {
    public struct Zone: Sendable, Equatable {
        /// 0-based; the stage maps it to the n-th AZ of DescribeAvailabilityZones (sorted).
        public let index: Int
        public let publicSubnet: IPv4CIDR
        public let privateSubnet: IPv4CIDR
    }

    public let vpc: IPv4CIDR
    public let zones: [Zone]

    public static func carve(vpc: IPv4CIDR, azCount: Int, publicPrefixLength: Int,
                             privatePrefixLength: Int) throws(SubnetCarvingError) -> SubnetLayout {
        for prefix in [publicPrefixLength, privatePrefixLength] where prefix < vpc.prefixLength || prefix > 32 {
            throw .subnetLargerThanVPC(subnetPrefixLength: prefix, vpc: vpc)
        }
        let privateSize = UInt64(1) << UInt64(32 - privatePrefixLength)
        let publicSize = UInt64(1) << UInt64(32 - publicPrefixLength)
        let needed = UInt64(max(azCount, 0)) * (privateSize + publicSize)
        guard needed <= vpc.size else {
            throw .doesNotFit(azCount: azCount, publicPrefixLength: publicPrefixLength,
                              privatePrefixLength: privatePrefixLength, needed: needed, vpc: vpc)
        }
        let vpcEnd = UInt64(vpc.network) + vpc.size
        let zones = (0..<azCount).map { index in
            let privateStart = UInt64(vpc.network) + UInt64(index) * privateSize
            let publicStart = vpcEnd - UInt64(index + 1) * publicSize
            return Zone(index: index,
                        publicSubnet: IPv4CIDR(network: UInt32(publicStart), prefixLength: publicPrefixLength)!,
                        privateSubnet: IPv4CIDR(network: UInt32(privateStart), prefixLength: privatePrefixLength)!)
        }
        return SubnetLayout(vpc: vpc, zones: zones)
    }
}

/// Why subnets cannot be carved from a VPC range.
public enum SubnetCarvingError: Error, Equatable, Sendable, CustomStringConvertible {
    case subnetLargerThanVPC(subnetPrefixLength: Int, vpc: IPv4CIDR)
    case doesNotFit(azCount: Int, publicPrefixLength: Int, privatePrefixLength: Int, needed: UInt64, vpc: IPv4CIDR)

    public var description: String {
        switch self {
        case let .subnetLargerThanVPC(prefix, vpc):
            return "a /\(prefix) subnet cannot be carved from \(vpc)"
        case let .doesNotFit(azCount, publicPrefix, privatePrefix, needed, vpc):
            return "\(azCount) AZs of one public /\(publicPrefix) and one private /\(privatePrefix) subnet need "
                + "\(needed) addresses, but \(vpc) has \(vpc.size)"
        }
    }
}
