import Stack

/// What `tpsctl plan` warns about (and `up` prints before it starts): a stack whose maxCounts
/// cannot reach its own `capacity.targetRPS`, or whose tasks at maxCount need more Fargate vCPU
/// than the account's quota. Warnings, not errors: the stack is valid, it just cannot do what it
/// says; each names the stack file's line to change.
public enum CapacityWarnings {
    /// `checkTarget`: compare maxCounts with the plan's rate (false when the stack names no target).
    public static func check(_ plan: CapacityPlan, stack: Stack, source: StackSourceMap,
                             checkTarget: Bool = true) -> [String] {
        var warnings: [String] = []
        for region in plan.regions {
            let regionIndex = stack.regions.firstIndex { $0.region.name == region.region }
            for service in region.services where checkTarget && service.maxCount < service.tasks {
                let override = regionIndex.flatMap { index -> String? in
                    let name = ServiceName(rawValue: service.name)!
                    return stack.regions[index].overrides.services[name]?.maxCount == nil
                        ? nil : "regions[\(index)].overrides.services.\(service.name).maxCount"
                }
                let path = override ?? "services.\(service.name).maxCount"
                warnings.append("\(source.cite(path)): warning: \(path) \(service.maxCount) cannot reach "
                    + "capacity.targetRPS \(plan.requestsPerSecond) in \(region.region): it needs \(service.tasks) tasks "
                    + "(\(Int(service.load))/s at \(Int(service.perTask))/s per task, \(Int(service.utilisation * 100))% "
                    + "CPU target; tpsctl capacity)")
            }
            if let quota = region.fargateVCPUQuota, region.maxCountVCPU > quota {
                warnings.append("\(source.cite("services")): warning: the services at maxCount need "
                    + "\(CapacityPlan.decimal(region.maxCountVCPU)) Fargate vCPU in \(region.region), more than the "
                    + "account's quota of \(CapacityPlan.decimal(quota)) (Service Quotas L-3032A538); request an increase "
                    + "or lower maxCount")
            }
        }
        return warnings
    }
}
