/// Per-region deviations from the stack-wide sizing (a smaller secondary region, say).
/// Only what differs is set; `Stack.service(_:in:)`, `aurora(in:)` and `redis(in:)` merge.
public struct RegionOverrides: Sendable, Equatable {
    public var services: [ServiceName: TaskCountOverride]
    public var auroraMinACU: Double?
    public var auroraMaxACU: Double?
    public var redisNodeType: String?
    public var redisReplicas: Int?

    public init(services: [ServiceName: TaskCountOverride] = [:], auroraMinACU: Double? = nil,
                auroraMaxACU: Double? = nil, redisNodeType: String? = nil, redisReplicas: Int? = nil) {
        self.services = services
        self.auroraMinACU = auroraMinACU
        self.auroraMaxACU = auroraMaxACU
        self.redisNodeType = redisNodeType
        self.redisReplicas = redisReplicas
    }
}

/// A region's own task counts for one service; unset values come from the service.
public struct TaskCountOverride: Sendable, Equatable {
    public var desiredCount: Int?
    public var minCount: Int?
    public var maxCount: Int?

    public init(desiredCount: Int? = nil, minCount: Int? = nil, maxCount: Int? = nil) {
        self.desiredCount = desiredCount
        self.minCount = minCount
        self.maxCount = maxCount
    }
}
