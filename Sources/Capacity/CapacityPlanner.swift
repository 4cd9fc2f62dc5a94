import Foundation
import Stack

/// Turns a rate of the seed's mix into tasks, vCPU, ACU, connections, node types and modes per
/// region of a stack. Each region is planned for the whole rate: CloudFront fails over to the
/// other region, which must then carry everything.
public struct CapacityPlanner: Sendable {
    public var mix = TrafficMix.seed
    public var model = DataTierModel()
    public var prices = HourlyPrices.tokyo

    public init() {}

    /// `quotas`: the Fargate On-Demand vCPU quota per region, when it could be read.
    public func plan(_ stack: Stack, requestsPerSecond: Int, throughput: TaskThroughput,
                     quotas: [AWSRegion: Double] = [:]) -> CapacityPlan {
        var notes: [String] = []
        let regions = stack.regions.map { regionConfig -> CapacityPlan.Region in
            let region = regionConfig.region
            let rate = Double(requestsPerSecond)
            let services = ServiceName.allCases.map { name -> CapacityPlan.Service in
                let config = stack.service(name, in: region)
                let load = rate * mix.load(on: name)
                let utilisation = Double(config.autoscaling.cpuTargetPercent) / 100
                let perTask = throughput[name]
                // The epsilon keeps 150.00000000000003 tasks (binary fractions) from becoming 151.
                let tasks = perTask > 0 ? max(1, Int((load / (perTask * utilisation) - 1e-9).rounded(.up))) : 0
                return CapacityPlan.Service(
                    name: name.rawValue, load: load, perTask: perTask, utilisation: utilisation, tasks: tasks,
                    cpu: config.cpu, memory: config.memory, vCPU: Double(tasks * config.cpu) / 1024,
                    maxCount: config.maxCount)
            }
            let aurora = stack.aurora(in: region)
            let purchases = rate * mix.share(.purchase)
            let writes = purchases * model.auroraWritesPerPurchase
            let reads = model.auroraReadsPerRequest.reduce(0) { $0 + rate * mix.share($1.key) * $1.value }
            let rawACU = writes / model.auroraWritesPerACU + reads / model.auroraReadsPerACU
            let acu = max(0.5, (rawACU * 2).rounded(.up) / 2)
            let planned = services.reduce(0) { $0 + $1.tasks }
            let redisCommands = model.redisCommandsPerRequest.reduce(0) { $0 + rate * mix.share($1.key) * $1.value }
            let node = Self.redisNode(for: redisCommands)
            let sends = purchases / model.messagesPerSend
            let dynamoWrites = purchases * model.dynamoWritesPerPurchase
            let albLCU = rate * model.albBytesPerRequest * 3_600 / 1_000_000_000
            let redis = stack.redis(in: region)
            let cost = prices.cost(
                tasks: services.map { (Double($0.tasks * $0.cpu) / 1024, Double($0.tasks * $0.memory) / 1024) },
                acu: acu, albLCU: albLCU, redisNodes: redis.replicas + 1, redisNodeType: node ?? redis.nodeType,
                sqsRequestsPerSecond: sends * 3, dynamoWritesPerSecond: dynamoWrites)
            if acu > DataTierModel.maxACUPerWriter {
                notes.append("\(region): \(AuroraConfig.formatACU(acu)) ACU is more than one Aurora writer's "
                    + "\(Int(DataTierModel.maxACUPerWriter)); take writes off PostgreSQL or split the data")
            }
            if node == nil {
                notes.append("\(region): \(Int(redisCommands)) Redis commands/s is more than one primary of the "
                    + "largest planned node serves; use cluster mode (shards)")
            }
            if !cost.unpriced.isEmpty, !notes.contains(where: { $0.hasPrefix("cost leaves out") }) {
                notes.append("cost leaves out (price not confirmed): " + cost.unpriced.joined(separator: ", "))
            }
            return CapacityPlan.Region(
                region: region.name, services: services, vCPU: services.reduce(0) { $0 + $1.vCPU },
                maxCountVCPU: services.reduce(0) { $0 + Double($1.maxCount * $1.cpu) / 1024 },
                fargateVCPUQuota: quotas[region], auroraWritesPerSecond: writes, auroraReadsPerSecond: reads,
                auroraACU: acu, auroraMaxACU: aurora.maxACU, auroraConnections: planned * aurora.connectionsPerTask,
                auroraMaxConnections: AuroraConnectionLimit.maxConnections(minACU: max(aurora.minACU, 1), maxACU: acu),
                connectionsPerTask: aurora.connectionsPerTask, redisCommandsPerSecond: redisCommands,
                redisNodeType: node ?? "cluster mode", redisConfiguredNodeType: redis.nodeType,
                sqsSendsPerSecond: sends,
                sqsMode: sends > model.fifoCallsPerAction ? "fifo-high-throughput" : "fifo",
                dynamoWritesPerSecond: dynamoWrites, costPerHourUSD: cost.usd,
                auroraProxyConnectionsPercent: aurora.proxy.enabled ? aurora.proxy.maxConnectionsPercent : nil)
        }
        return CapacityPlan(stack: stack.name, requestsPerSecond: requestsPerSecond,
                            throughputSource: throughput.source, regions: regions, notes: notes)
    }

    /// The smallest node type of the ladder whose primary serves `commands` per second.
    static func redisNode(for commands: Double) -> String? {
        DataTierModel.redisLadder.first { commands <= $0.commandsPerSecond }?.nodeType
    }
}
