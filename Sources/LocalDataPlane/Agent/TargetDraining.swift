import AWSClient

/// How long a service's task keeps running after the control plane deregistered it from its
/// target groups: their `deregistration_delay.timeout_seconds` (the longest, when several).
/// ECS stops a load-balanced task only once its targets finished draining, so the requests the
/// ALB already sent it complete; the agent here waits that long before SIGTERM. Tasks of no
/// service (RunTask), or of a service behind no load balancer, stop at once.
struct TargetDraining {
    let client: AWSClient

    /// The delay for a task of `group` (`service:<name>`, as DescribeTasks gives it) in `cluster`.
    func delay(group: String?, cluster: String) async -> Duration {
        guard let group, group.hasPrefix("service:") else { return .zero }
        let name = String(group.dropFirst("service:".count))
        guard let service = try? await ECS(client: client).service(name, cluster: cluster) else { return .zero }
        let groups = service.loadBalancers.compactMap { $0.split(separator: "|").first.map(String.init) }.filter { !$0.isEmpty }
        var longest = 0
        for arn in groups {
            let attributes = (try? await ElasticLoadBalancingV2(client: client).targetGroupAttributes(arn)) ?? [:]
            longest = max(longest, attributes["deregistration_delay.timeout_seconds"].flatMap { Int($0) } ?? 0)
        }
        return .seconds(longest)
    }
}
