import Capacity
import Foundation
import Stack

/// The capacity warnings `plan` prints after its plan: maxCounts that cannot reach
/// `capacity.targetRPS` (default per-task throughput) and maxCounts whose vCPU exceed the
/// account's Fargate quota, each naming the stack file's line. Read-only; never fails the plan.
enum PlanCapacityWarnings {
    static func lines(_ prepared: PreparedDeployment, stackPath: String) async -> [String] {
        guard let source = try? StackLoader.loadMapped(path: stackPath).source else { return [] }
        let stack = prepared.deployment.stack
        let quotas = await FargateQuotas.read(prepared.targets)
        let plan = CapacityPlanner().plan(stack, requestsPerSecond: stack.capacity.targetRPS ?? 1,
                                          throughput: .defaults(for: stack), quotas: quotas.values)
        return CapacityWarnings.check(plan.selecting(Set(prepared.targets.map(\.name))), stack: stack, source: source,
                                      checkTarget: stack.capacity.targetRPS != nil)
    }
}
