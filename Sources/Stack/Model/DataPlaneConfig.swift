/// Sizing of the stateful services of stage 03.
public struct DataPlaneConfig: Sendable, Equatable {
    public var queue: CommitQueueConfig
    public var seatLocks: SeatLockTableConfig
    public var redis: RedisConfig
    public var aurora: AuroraConfig

    public init(queue: CommitQueueConfig = CommitQueueConfig(), seatLocks: SeatLockTableConfig = SeatLockTableConfig(),
                redis: RedisConfig = RedisConfig(), aurora: AuroraConfig = AuroraConfig()) {
        self.queue = queue
        self.seatLocks = seatLocks
        self.redis = redis
        self.aurora = aurora
    }
}
