import Stack

/// What `tpsctl capacity` found for one rate: per region, per service and per store. Codable so
/// `--output json` is the same values the table shows.
public struct CapacityPlan: Sendable, Equatable, Codable {
    public struct Service: Sendable, Equatable, Codable {
        public let name: String
        /// Requests/s (commits/s for the worker) this service must carry.
        public let load: Double
        /// What one task carries at p95 ≤ 200 ms.
        public let perTask: Double
        /// The autoscaling CPU target the tasks are kept at (so the plan leaves the same headroom).
        public let utilisation: Double
        public let tasks: Int
        public let cpu: Int
        public let memory: Int
        public let vCPU: Double
        /// The stack's maxCount in this region: below `tasks`, the stack cannot reach the rate.
        public let maxCount: Int
    }

    public struct Region: Sendable, Equatable, Codable {
        public let region: String
        public let services: [Service]
        public let vCPU: Double
        /// vCPU of every service at maxCount (what autoscaling may ask for).
        public let maxCountVCPU: Double
        /// The account's Fargate On-Demand vCPU quota (Service Quotas L-3032A538), when read.
        public let fargateVCPUQuota: Double?
        public let auroraWritesPerSecond: Double
        public let auroraReadsPerSecond: Double
        public let auroraACU: Double
        public let auroraMaxACU: Double
        /// Connections of the planned tasks' pools, and what the writer accepts at the stack's range.
        public let auroraConnections: Int
        public let auroraMaxConnections: Int
        public let connectionsPerTask: Int
        public let redisCommandsPerSecond: Double
        public let redisNodeType: String
        public let redisConfiguredNodeType: String
        public let sqsSendsPerSecond: Double
        /// `fifo` (≤ 300 calls/s per action) or `fifo-high-throughput`.
        public let sqsMode: String
        public let dynamoWritesPerSecond: Double
        public let costPerHourUSD: Double?
        /// With `dataPlane.aurora.proxy`: its MaxConnectionsPercent, the share of
        /// `auroraMaxConnections` the database sees whatever the pools add up to.
        public var auroraProxyConnectionsPercent: Int? = nil
    }

    public let stack: String
    public let requestsPerSecond: Int
    public let throughputSource: String
    public let regions: [Region]
    /// Problems with the plan itself (above what one Aurora writer or one Redis primary can be).
    public let notes: [String]

    /// The same plan for only the `selected` regions (`--region`), with `notes` added.
    public func selecting(_ selected: Set<String>, adding notes: [String] = []) -> CapacityPlan {
        CapacityPlan(stack: stack, requestsPerSecond: requestsPerSecond, throughputSource: throughputSource,
                     regions: regions.filter { selected.contains($0.region) }, notes: self.notes + notes)
    }
}
