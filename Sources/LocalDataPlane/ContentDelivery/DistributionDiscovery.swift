import AWSClient

/// The stack's enabled distributions as the CloudFront API describes them right now, with
/// the policies their behaviours name and their origins resolved: what the plane serves.
/// Read through the API only, so any client's change applies at the next poll.
struct DistributionDiscovery: Sendable {
    struct Found: Sendable {
        var id: String
        var domainName: String
        var routes: DistributionRoutes
    }

    let cloudFront: CloudFront
    let elbs: [ElasticLoadBalancingV2]
    /// Only distributions with this comment (the stack's) are served.
    let comment: String

    func discover() async throws -> [Found] {
        var configs: [(summary: CloudFront.DistributionSummary, config: XMLTree)] = []
        // A listing without comments (the emulator's) makes every distribution a candidate.
        for summary in try await cloudFront.listDistributions() where summary.comment == comment || summary.comment.isEmpty {
            // One deleted between the listing and this read fails the poll; the next one no longer lists it.
            let config = try await cloudFront.getDistributionConfig(id: summary.id).config
            guard config.string("Comment") == comment, config.string("Enabled") == "true" else { continue }
            configs.append((summary, config))
        }
        guard !configs.isEmpty else { return [] }
        let resolver = try await OriginResolver.load(elbs: elbs)
        var cachePolicies: [String: CachePolicy] = [:]
        var originRequestPolicies: [String: OriginRequestPolicy] = [:]
        var found: [Found] = []
        for (summary, config) in configs {
            let behaviors = (config.child("CacheBehaviors")?.child("Items")?.children("CacheBehavior") ?? [])
                + [config.child("DefaultCacheBehavior")].compactMap { $0 }
            for behavior in behaviors {
                if let id = behavior.string("CachePolicyId"), !id.isEmpty, cachePolicies[id] == nil {
                    cachePolicies[id] = CachePolicy(config: try await cloudFront.getPolicy(.cache, id: id).config)
                }
                if let id = behavior.string("OriginRequestPolicyId"), !id.isEmpty, originRequestPolicies[id] == nil {
                    originRequestPolicies[id] = OriginRequestPolicy(config: try await cloudFront.getPolicy(.originRequest, id: id).config)
                }
            }
            var origins: [String: DistributionRoutes.Origin] = [:]
            for element in config.child("Origins")?.child("Items")?.children("Origin") ?? [] {
                let origin = resolver.resolve(element)
                origins[origin.id] = origin
            }
            found.append(Found(id: summary.id, domainName: summary.domainName,
                               routes: DistributionRoutes(config: config, origins: origins, cachePolicies: cachePolicies,
                                                          originRequestPolicies: originRequestPolicies)))
        }
        return found
    }
}
