/// On-demand prices of ap-northeast-1 (USD), with where each came from and when it was read.
/// A price that could not be confirmed is nil and left out of the cost, which then says so.
/// Prices change: these are a dated snapshot for the plan's order of magnitude, not a bill.
public struct HourlyPrices: Sendable, Equatable {
    public struct Price: Sendable, Equatable {
        public let usd: Double
        public let source: String
    }

    public var fargateVCPUHour: Price?
    public var fargateGBHour: Price?
    public var auroraACUHour: Price?
    public var albHour: Price?
    public var albLCUHour: Price?
    /// Per node-hour, by node type.
    public var redisNodeHour: [String: Price]
    /// Per million SQS FIFO requests.
    public var sqsFIFOPerMillion: Price?
    /// Per million DynamoDB on-demand write request units.
    public var dynamoWritePerMillion: Price?

    /// Read 2026-12-07 through the project's page search (see the README, Capacity).
    public static let tokyo = HourlyPrices(
        fargateVCPUHour: Price(usd: 0.0632, source: "aws.amazon.com/jp/fargate/pricing (Tokyo row; an older snapshot of the page)"),
        fargateGBHour: Price(usd: 0.0158, source: "aws.amazon.com/jp/fargate/pricing (Tokyo row; an older snapshot of the page)"),
        auroraACUHour: Price(usd: 0.20, source: "aws.amazon.com/jp/rds/aurora/pricing, Tokyo Aurora Standard, as quoted by qiita.com/panda_ebarou"),
        albHour: Price(usd: 0.0243, source: "ALB Tokyo, as quoted by aws.darcy-it.com (ELBのコスト料金)"),
        albLCUHour: Price(usd: 0.008, source: "ALB Tokyo, as quoted by aws.darcy-it.com (ELBのコスト料金)"),
        redisNodeHour: [:],
        sqsFIFOPerMillion: nil,
        dynamoWritePerMillion: nil)

    /// The hourly cost of one region of `plan`'s shape and what it could not price.
    func cost(tasks: [(vCPU: Double, memoryGB: Double)], acu: Double, albLCU: Double, redisNodes: Int,
              redisNodeType: String, sqsRequestsPerSecond: Double, dynamoWritesPerSecond: Double)
        -> (usd: Double, unpriced: [String]) {
        var usd = 0.0
        var unpriced: [String] = []
        func add(_ price: Price?, _ quantity: Double, _ what: String) {
            guard quantity > 0 else { return }
            if let price { usd += price.usd * quantity } else { unpriced.append(what) }
        }
        add(fargateVCPUHour, tasks.reduce(0) { $0 + $1.vCPU }, "Fargate vCPU")
        add(fargateGBHour, tasks.reduce(0) { $0 + $1.memoryGB }, "Fargate memory")
        add(auroraACUHour, acu, "Aurora ACU")
        add(albHour, 1, "ALB hours")
        add(albLCUHour, albLCU, "ALB LCU")
        add(redisNodeHour[redisNodeType], Double(redisNodes), "ElastiCache \(redisNodeType)")
        add(sqsFIFOPerMillion, sqsRequestsPerSecond * 3_600 / 1_000_000, "SQS FIFO requests")
        add(dynamoWritePerMillion, dynamoWritesPerSecond * 3_600 / 1_000_000, "DynamoDB writes")
        return (usd, unpriced)
    }
}
