/// `capacity`: the rate the stack is built for. `tpsctl plan` and `tpsctl capacity` compare the
/// services' maxCount with the tasks that rate needs (from measured or default per-task
/// throughput), so a stack that cannot reach its own target says so before it is deployed.
public struct CapacityConfig: Sendable, Equatable {
    /// Requests per second of the seed's mix the stack must carry in each region (each region
    /// takes the whole rate when the other fails over to it); nil: no target, no check.
    public var targetRPS: Int?

    public init(targetRPS: Int? = nil) {
        self.targetRPS = targetRPS
    }

    public static let targetRange = 1...10_000_000
}
