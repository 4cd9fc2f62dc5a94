import E2EScenario

/// How much of the data tier one request of the mix uses, and what one unit of each store
/// carries. These are the planning assumptions the README lists under "Capacity"; each is a
/// count of the calls the services make (read in their code) or a documented AWS limit, except
/// the per-ACU and per-node rates, which are estimates to be replaced by measured figures.
public struct DataTierModel: Sendable, Equatable {
    /// PostgreSQL write transactions per purchase: the hold's row, the payment intent, the commit
    /// request, the worker's order transaction and the callback's payment row.
    public var auroraWritesPerPurchase = 5.0
    /// PostgreSQL reads per request of each kind (status polls and intent replays read their row;
    /// the seats list reads the event's seats when the cache misses, counted as always).
    public var auroraReadsPerRequest: [LoadRequestKind: Double] = [.statusPoll: 1, .intentReplay: 1, .seats: 1]
    /// Write transactions one ACU carries (≈ 2 GiB and a quarter of a Graviton core's share).
    public var auroraWritesPerACU = 400.0
    /// Indexed single-row reads one ACU carries.
    public var auroraReadsPerACU = 2_000.0
    /// Redis commands per request of each kind (cache GETs, the hold's SET NX and counters, the
    /// room's admission script, idempotency keys).
    public var redisCommandsPerRequest: [LoadRequestKind: Double] = [
        .summary: 1, .roomStatus: 1, .seats: 1, .intentReplay: 1, .statusPoll: 1, .purchase: 9,
    ]
    /// DynamoDB writes per purchase: the seat-lock item's put and its delete at commit or release.
    public var dynamoWritesPerPurchase = 2.0
    /// SQS FIFO without high-throughput mode: 300 calls per second per action (AWS SQS quotas).
    public var fifoCallsPerAction = 300.0
    /// Commit messages per SendMessage call (confirm-api sends one per commit).
    public var messagesPerSend = 1.0

    /// Request plus response bytes through the ALB (headers and the small JSON bodies): with
    /// keep-alive clients the processed-bytes dimension sets the LCUs (1 LCU = 1 GB an hour).
    public var albBytesPerRequest = 1_500.0

    public init() {}

    /// Redis node types by the commands per second one primary serves with headroom (Redis 7's
    /// enhanced I/O uses the extra cores of the larger nodes); above the last, shard (cluster mode).
    public static let redisLadder: [(nodeType: String, commandsPerSecond: Double)] = [
        ("cache.r7g.large", 60_000), ("cache.r7g.xlarge", 120_000), ("cache.r7g.2xlarge", 200_000),
        ("cache.r7g.4xlarge", 300_000),
    ]

    /// The largest Aurora Serverless v2 capacity of one writer.
    public static let maxACUPerWriter = 256.0
}
