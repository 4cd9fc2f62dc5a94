import Foundation

/// The human-readable form of a `CapacityPlan`: one block per region, a row per service, then
/// the stores. Figures are rounded for reading; `--output json` keeps them whole.
extension CapacityPlan {
    public func table() -> String {
        var lines = ["capacity of \(stack) for \(Self.integer(Double(requestsPerSecond))) requests/s of the seed's mix "
                     + "(each region carries all of it on failover)",
                     "per-task throughput: \(throughputSource)"]
        for region in regions {
            lines.append("")
            lines.append(region.region)
            lines.append(Self.row(["service", "load/s", "per task", "cpu target", "tasks", "maxCount", "task size", "vCPU"]))
            for service in region.services {
                lines.append(Self.row([
                    service.name, Self.integer(service.load), Self.integer(service.perTask),
                    "\(Int(service.utilisation * 100))%", "\(service.tasks)",
                    service.maxCount < service.tasks ? "\(service.maxCount) (too low)" : "\(service.maxCount)",
                    "\(service.cpu)/\(service.memory)", Self.decimal(service.vCPU),
                ]))
            }
            let quota = region.fargateVCPUQuota.map { quota in
                Self.decimal(quota) + (region.vCPU > quota ? " (exceeded)" : "")
                    + (region.maxCountVCPU > quota ? "; maxCounts need \(Self.decimal(region.maxCountVCPU))" : "")
            } ?? "not read"
            lines.append("  Fargate vCPU: \(Self.decimal(region.vCPU)) planned, quota (L-3032A538) \(quota)")
            lines.append("  Aurora: \(Self.integer(region.auroraWritesPerSecond)) writes/s + "
                         + "\(Self.integer(region.auroraReadsPerSecond)) reads/s → \(Self.decimal(region.auroraACU)) ACU "
                         + "(stack maxACU \(Self.decimal(region.auroraMaxACU))); connections "
                         + "\(region.connectionsPerTask) × tasks = \(region.auroraConnections) of "
                         + "\(region.auroraMaxConnections) at that ACU with minACU ≥ 1"
                         + (region.auroraProxyConnectionsPercent.map { percent in
                             ", through RDS Proxy at \(percent) %: at most "
                                 + "\(region.auroraMaxConnections * percent / 100) at the database"
                         } ?? ""))
            lines.append("  Redis: \(Self.integer(region.redisCommandsPerSecond)) commands/s → \(region.redisNodeType) "
                         + "(stack: \(region.redisConfiguredNodeType))")
            lines.append("  SQS: \(Self.integer(region.sqsSendsPerSecond)) commit sends/s → \(region.sqsMode)")
            lines.append("  DynamoDB: \(Self.integer(region.dynamoWritesPerSecond)) writes/s on the seat-lock table "
                         + "(warm throughput at least this)")
            if let cost = region.costPerHourUSD {
                let partial = notes.contains { $0.hasPrefix("cost leaves out") } ? ", partial (see the note)" : ""
                lines.append("  cost: \(String(format: "%.2f", cost)) USD/hour at Tokyo on-demand prices\(partial)")
            }
        }
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map { "note: \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    static func row(_ cells: [String]) -> String {
        let widths = [16, 10, 10, 11, 7, 16, 11, 7]
        return "  " + zip(cells, widths).map { cell, width in
            cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined()
    }

    static func integer(_ value: Double) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 0
        return formatter.string(from: NSNumber(value: value.rounded())) ?? String(Int(value))
    }

    static func decimal(_ value: Double) -> String {
        value.rounded() == value ? integer(value) : String(format: "%.2f", value)
    }
}
