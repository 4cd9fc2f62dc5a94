import AWSClient
import Stack

/// The account quotas a region of the stack needs, against their applied values (Service
/// Quotas): Fargate On-Demand vCPU for every service at its maxCount, one ALB, the NAT
/// gateways' Elastic IPs, one VPC (besides the account's other VPCs there) and one NAT gateway
/// per AZ. A quota that cannot be read is a finding too: nothing then says the stack fits.
struct AccountQuotaCheck {
    struct Need: Sendable, Equatable {
        let serviceCode: String
        let quotaCode: String
        let name: String
        let amount: Double
        /// Counted in the region besides the stack's own (VPCs only; the others are the stack's alone).
        var inUse: Double = 0
    }

    static func needs(_ stack: Stack, region: RegionConfig) -> [Need] {
        let vcpu = ServiceName.allCases.reduce(0.0) { total, service in
            let config = stack.service(service, in: region.region)
            return total + Double(config.maxCount) * Double(config.cpu) / 1024
        }
        let natGateways = region.nat == .perAZ ? region.azCount : 1
        return [
            Need(serviceCode: "fargate", quotaCode: "L-3032A538", name: "Fargate On-Demand vCPU (every service at maxCount)", amount: vcpu),
            Need(serviceCode: "elasticloadbalancing", quotaCode: "L-53DA6B97", name: "Application Load Balancers", amount: 1),
            Need(serviceCode: "ec2", quotaCode: "L-0263D0A3", name: "Elastic IPs (one per NAT gateway)", amount: Double(natGateways)),
            Need(serviceCode: "vpc", quotaCode: "L-F678F1CE", name: "VPCs", amount: 1),
            Need(serviceCode: "vpc", quotaCode: "L-FE5A380F", name: "NAT gateways per AZ", amount: 1),
        ]
    }

    func findings(_ region: RegionVerification) async -> [VerifyFinding] {
        var findings: [VerifyFinding] = []
        let quotas = ServiceQuotas(client: region.target.client)
        let config = region.stack.region(region.target.config.region) ?? region.target.config
        var needs = Self.needs(region.stack, region: config)
        do {
            let vpcs = try await EC2(client: region.target.client).describeVpcs()
            let others = vpcs.filter { $0.tags["tps:stack"] != region.stack.name }.count
            if let index = needs.firstIndex(where: { $0.quotaCode == "L-F678F1CE" }) { needs[index].inUse = Double(others) }
        } catch {
            findings.append(region.finding(.quota, "VPCs in use not counted: \(ImageDigestCheck.firstLine(error))"))
        }
        for need in needs {
            do {
                guard let value = try await quotas.quotaValue(serviceCode: need.serviceCode, quotaCode: need.quotaCode) else {
                    findings.append(region.finding(.quota, "\(need.name) (\(need.quotaCode)): no value"))
                    continue
                }
                if need.amount + need.inUse > value {
                    let used = need.inUse > 0 ? " plus \(Self.number(need.inUse)) in use" : ""
                    findings.append(region.finding(.quota,
                        "\(need.name) (\(need.serviceCode) \(need.quotaCode)): the stack needs \(Self.number(need.amount))\(used), the quota is \(Self.number(value))"))
                }
            } catch {
                findings.append(region.finding(.quota, "\(need.name) (\(need.quotaCode)) not read: \(ImageDigestCheck.firstLine(error))"))
            }
        }
        return findings
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
