/// Where the local data plane serves a CloudFront distribution: a loopback address derived
/// from its ID alone, so stage 07 (which records it as the `url` output) and `tpsctl
/// local-dataplane` (which binds it) agree without talking to each other.
///
/// `127.255.<b>.<c>` with `c` in 1…254: the second octet 255 is one that
/// ``LocalLoadBalancerAddress`` never uses (its `a` is 1…254), so a distribution and a load
/// balancer never share an address, and it is never 127.0.0.1.
public struct LocalDistributionAddress: Sendable, Hashable, CustomStringConvertible {
    public static let secondOctet: UInt8 = 255
    public let octets: (b: UInt8, c: UInt8)

    public init(distributionId id: String) {
        let hash = StableHash.fnv1a(id)
        octets = (b: UInt8(truncatingIfNeeded: hash >> 16), c: UInt8(1 + (hash >> 32) % 254))
    }

    /// The dotted address, e.g. `127.255.3.201`.
    public var description: String { "127.\(Self.secondOctet).\(octets.b).\(octets.c)" }

    /// `http://<address>` (port 80), what the `url` output shows.
    public var url: String { "http://\(self)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
