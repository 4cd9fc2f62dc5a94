import AWSClient
import NIOCore
import Stack

/// Where the local data plane reaches a distribution's origins. An origin's domain is an
/// ALB's DNS name (looked up through ELBv2 in each served region, then served at its
/// ``LocalLoadBalancerAddress``), or a loopback IPv4 address as is (tests' own origins).
/// Anything else resolves to nothing and answers 502: the edge never connects elsewhere.
struct OriginResolver: Sendable {
    /// Each served region's load balancers' DNS names → their local address.
    let loadBalancers: [String: LocalLoadBalancerAddress]

    static func load(elbs: [ElasticLoadBalancingV2]) async throws -> OriginResolver {
        var addresses: [String: LocalLoadBalancerAddress] = [:]
        for elb in elbs {
            for balancer in try await elb.describeLoadBalancers() where !balancer.dnsName.isEmpty {
                addresses[balancer.dnsName.lowercased()] = LocalLoadBalancerAddress(loadBalancerArn: balancer.arn)
            }
        }
        return OriginResolver(loadBalancers: addresses)
    }

    /// `origin` is an `Origin` element of a `DistributionConfig`.
    func resolve(_ origin: XMLTree) -> DistributionRoutes.Origin {
        let domain = origin.string("DomainName") ?? ""
        let port = origin.string("CustomOriginConfig", "HTTPPort").flatMap { Int($0) } ?? 80
        let host: String? = if Self.isLoopback(domain) { domain } else { loadBalancers[domain.lowercased()]?.description }
        return DistributionRoutes.Origin(
            id: origin.string("Id") ?? "", domainName: domain,
            endpoint: host.flatMap { try? TargetEndpoint(address: $0, port: port) },
            connectTimeout: .seconds(origin.string("ConnectionTimeout").flatMap { Int64($0) } ?? 10),
            readTimeout: .seconds(origin.string("CustomOriginConfig", "OriginReadTimeout").flatMap { Int64($0) } ?? 30),
            customHeaders: (origin.child("CustomHeaders")?.child("Items")?.children("OriginCustomHeader") ?? []).map {
                (name: $0.string("HeaderName") ?? "", value: $0.string("HeaderValue") ?? "")
            })
    }

    /// A dotted IPv4 address in 127.0.0.0/8.
    static func isLoopback(_ domain: String) -> Bool {
        let octets = domain.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
