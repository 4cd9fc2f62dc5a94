import Stack

/// What one task of each service carries at the seed's p95 ≤ 200 ms: requests/s for the APIs,
/// commits/s for the worker — measured (`MeasuredThroughput`) or the defaults below.
public struct TaskThroughput: Sendable, Equatable {
    /// Per task of the stack's own size (its `cpu`).
    public let perTask: [ServiceName: Double]
    /// Where the figures come from, printed with the plan (a file, or "defaults").
    public let source: String

    public init(perTask: [ServiceName: Double], source: String) {
        self.perTask = perTask
        self.source = source
    }

    public subscript(service: ServiceName) -> Double { perTask[service] ?? 0 }

    /// Defaults per vCPU (README, "Capacity"): deliberately below what `scripts/bench-services.sh`
    /// measured on one machine for the hot endpoints (summary hits, holds), because a mixed task
    /// also serves the slower calls; the worker's is the goal of issue 14 (0.5× pgbench).
    public static let defaultPerVCPU: [ServiceName: Double] = [
        .publicAPI: 2_000, .confirmAPI: 800, .confirmWorker: 200,
    ]

    /// The defaults scaled linearly to each service's task size in `stack`.
    public static func defaults(for stack: Stack) -> TaskThroughput {
        var perTask: [ServiceName: Double] = [:]
        for service in ServiceName.allCases {
            perTask[service] = defaultPerVCPU[service]! * Double(stack.services[service].cpu) / 1024
        }
        return TaskThroughput(perTask: perTask, source: "defaults per vCPU (README, Capacity)")
    }
}
