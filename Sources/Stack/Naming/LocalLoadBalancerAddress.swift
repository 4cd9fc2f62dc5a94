/// Where the local data plane serves a load balancer: a loopback address derived from its ARN
/// alone, so stage 05 (which records it as the `url` output) and `tpsctl local-dataplane`
/// (which binds it) agree without talking to each other. `127.<a>.<b>.<c>` with `a` ≥ 1, so
/// it is never 127.0.0.1, where the stack's local servers and other tools listen; `a` ≤ 254
/// leaves `127.255.*.*` to ``LocalDistributionAddress``.
public struct LocalLoadBalancerAddress: Sendable, Hashable, CustomStringConvertible {
    public let octets: (a: UInt8, b: UInt8, c: UInt8)

    public init(loadBalancerArn arn: String) {
        let hash = StableHash.fnv1a(arn)
        octets = (a: UInt8(1 + hash % 254), b: UInt8(truncatingIfNeeded: hash >> 16), c: UInt8(1 + (hash >> 32) % 254))
    }

    /// The dotted address, e.g. `127.58.3.201`.
    public var description: String { "127.\(octets.a).\(octets.b).\(octets.c)" }

    /// `http://<address>:<port>`, what the `url` output shows.
    public func url(port: Int) -> String { "http://\(self):\(port)" }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}
