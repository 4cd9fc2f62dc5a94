import AWSClient

/// One region's load balancers as ELBv2 describes them right now: what the plane serves.
/// Read through the API only, as a real data plane reads its configuration, so rules,
/// registrations and health check settings changed by any client apply at the next poll.
struct LoadBalancerDiscovery: Sendable {
    struct Found: Sendable {
        var balancer: ElasticLoadBalancingV2.LoadBalancer
        var idleTimeoutSeconds: Int
        /// Where its access logs go; nil while they are off.
        var accessLogs: AccessLogDestination?
        var listeners: [(listener: ElasticLoadBalancingV2.Listener, rules: [ElasticLoadBalancingV2.Rule])]
    }

    struct Region: Sendable {
        var balancers: [Found]
        /// The target groups the balancers' listeners name, with the targets taking traffic.
        var targetGroups: [String: (group: ElasticLoadBalancingV2.TargetGroup, targets: [TargetEndpoint])]
    }

    let elb: ElasticLoadBalancingV2
    /// Only application load balancers whose name starts with this are served.
    let namePrefix: String

    func discover() async throws -> Region {
        var found: [Found] = []
        for balancer in try await elb.describeLoadBalancers()
        where balancer.name.hasPrefix(namePrefix) && balancer.type == "application" && balancer.state != "failed" {
            let attributes = try await elb.loadBalancerAttributes(balancer.arn)
            var listeners: [(listener: ElasticLoadBalancingV2.Listener, rules: [ElasticLoadBalancingV2.Rule])] = []
            for listener in try await elb.listeners(ofLoadBalancer: balancer.arn) {
                listeners.append((listener: listener, rules: try await elb.rules(ofListener: listener.arn)))
            }
            found.append(Found(balancer: balancer,
                               idleTimeoutSeconds: attributes["idle_timeout.timeout_seconds"].flatMap { Int($0) } ?? 60,
                               accessLogs: AccessLogDestination(attributes: attributes), listeners: listeners))
        }
        let named = Set(found.flatMap { $0.listeners.flatMap { entry in
            ListenerRoutes(rules: entry.rules, defaultAction: entry.listener.defaultAction).targetGroupArns
        } })
        var groups: [String: (group: ElasticLoadBalancingV2.TargetGroup, targets: [TargetEndpoint])] = [:]
        if !named.isEmpty {
            for group in try await elb.allTargetGroups() where named.contains(group.arn) {
                // A draining target finishes what it has but gets no new request.
                let targets = try await elb.targetHealth(ofTargetGroup: group.arn)
                    .filter { $0.state != "draining" }
                    .compactMap { try? TargetEndpoint(address: $0.id, port: $0.port == 0 ? group.port : $0.port) }
                groups[group.arn] = (group: group, targets: targets)
            }
        }
        return Region(balancers: found, targetGroups: groups)
    }
}
