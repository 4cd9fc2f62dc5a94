import AWSClient
import Stack

/// A service's target group must send to the port its container listens on: the group's port,
/// the stack's `port` and the task definition's containerPort agree, or the ALB health checks
/// fail and the rollout never stabilises. The group's health check path is the stack's
/// `healthPath`. A group not created yet is no finding.
struct TargetPortCheck {
    func findings(_ region: RegionVerification) async -> [VerifyFinding] {
        var findings: [VerifyFinding] = []
        let elb = ElasticLoadBalancingV2(client: region.target.client)
        for service in ServiceName.allCases {
            let config = region.stack.service(service, in: region.target.config.region)
            guard let port = config.port else { continue }
            let name = region.namer.name(service.rawValue, limit: .targetGroup)
            do {
                guard let group = try await elb.targetGroup(named: name) else { continue }
                if group.port != port {
                    findings.append(region.finding(.port, "\(service.rawValue): target group \(name) sends to port \(group.port), the stack's port is \(port)"))
                }
                if let definition = region.deployed.first(where: { $0.service == service }),
                   !definition.containerPorts.contains(group.port) {
                    let ports = definition.containerPorts.map(String.init).joined(separator: ", ")
                    findings.append(region.finding(.port,
                        "\(service.rawValue): target group \(name) sends to port \(group.port), task definition \(definition.reference) listens on \(ports.isEmpty ? "no port" : ports)"))
                }
                if let path = config.healthPath, group.healthCheck.path != path {
                    findings.append(region.finding(.health,
                        "\(service.rawValue): target group \(name) checks \(group.healthCheck.path), the stack's healthPath is \(path)"))
                }
            } catch {
                findings.append(region.finding(.port, "\(service.rawValue): target group \(name) not checked: \(ImageDigestCheck.firstLine(error))"))
            }
        }
        return findings
    }
}
