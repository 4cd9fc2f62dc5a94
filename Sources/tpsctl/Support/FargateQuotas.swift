import AWSClient
import Foundation
import Stack
import Stages

/// The account's Fargate On-Demand vCPU quota in each region of a deployment (read-only
/// GetServiceQuota calls). A region whose quota cannot be read is left out, with the reason, so
/// a missing `servicequotas:GetServiceQuota` permission costs the comparison, not the command.
enum FargateQuotas {
    static func read(_ targets: [RegionTarget]) async -> (values: [AWSRegion: Double], problems: [String]) {
        var values: [AWSRegion: Double] = [:]
        var problems: [String] = []
        for target in targets {
            let code = ServiceQuotas.fargateOnDemandVCPU
            do {
                if let value = try await ServiceQuotas(client: target.client)
                    .quotaValue(serviceCode: code.serviceCode, quotaCode: code.quotaCode) {
                    values[target.config.region] = value
                }
            } catch {
                let reason = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
                problems.append("\(target.name): Fargate vCPU quota (\(code.quotaCode)) not read: \(reason)")
            }
        }
        return (values, problems)
    }
}
