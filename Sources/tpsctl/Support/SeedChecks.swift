import E2EScenario
import Foundation
import LoadFigures

/// The seed's load-test checks (SEED.en.md, "Load testing") gathered per step in one table:
/// TPS, p95/p99 and 2xx ratio as the bot saw them and as the ALB did, the scaling reaction,
/// Redis's hit ratio, Aurora's latency and connections, the worker's delay, retries and DLQ
/// ratio — each from the load result or the CloudWatch figures beside it.
enum SeedChecks {
    /// DynamoDB publishes no cache metric (only DAX does, and the stack has no DAX).
    static let dynamoDBHitRatio = "not published by AWS"

    static func markdown(result: LoadReport, figures: FiguresTable, tasks: RunningTasks) -> String {
        let windows = figures.windows
        var rows: [(String, String, [String])] = []
        let steps = result.steps
        rows.append(("TPS (achieved req/s)", "load bot", steps.map { String(format: "%.1f", $0.achievedRate) }))
        rows.append(("p95 / p99 ms", "load bot", steps.map { String(format: "%.2f / %.2f", $0.p95Ms, $0.p99Ms) }))
        rows.append(("2xx/304 ratio", "load bot", steps.map { String(format: "%.2f%%", $0.okRatio * 100) }))
        let services = figures.rows.compactMap { row -> String? in
            guard row.label.hasPrefix("ALB "), row.label.hasSuffix(" req/s") else { return nil }
            return String(row.label.dropFirst(4).dropLast(6))
        }
        for service in services {
            func cells(_ label: String) -> [String] { figures.formatted(label) ?? windows.map { _ in "no data" } }
            rows.append(("TPS (req/s), \(service)", "ALB RequestCount", cells("ALB \(service) req/s")))
            rows.append(("p95 / p99 ms, \(service)", "ALB TargetResponseTime",
                         zip(cells("ALB \(service) target p95 ms"), cells("ALB \(service) target p99 ms")).map { "\($0) / \($1)" }))
            rows.append(("2xx ratio, \(service)", "ALB target 2xx / requests", cells("ALB \(service) 2xx ratio")))
        }
        for (label, values) in tasks.rows(windows) {
            rows.append(("scaling reaction s, " + label.dropFirst(4).dropLast(" scaling reaction s".count),
                         "RunningTaskCount, 1-min", values))
        }
        let figureChecks: [(String, String, String)] = [
            ("Redis hit ratio", "ElastiCache CacheHits / (hits + misses)", "Redis hit ratio"),
            ("Aurora commit latency ms", "RDS CommitLatency avg", "Aurora commit latency avg ms"),
            ("Aurora connections max", "RDS DatabaseConnections", "Aurora connections max"),
            ("worker delay s (oldest commit)", "SQS ApproximateAgeOfOldestMessage max",
             "SQS commit oldest message age max s"),
            ("retries (receives per delete)", "SQS received / deleted", "SQS commit receives per delete (retries)"),
            ("DLQ ratio", "DLQ visible max / commits sent", "SQS DLQ ratio (DLQ visible max / sent)"),
        ]
        for (check, source, label) in figureChecks {
            rows.append((check, source, figures.formatted(label) ?? windows.map { _ in "no data" }))
        }
        rows.insert(("DynamoDB hit ratio", "—", windows.map { _ in dynamoDBHitRatio }), at: rows.count - 5)
        var lines = ["## The seed's checks, \(figures.region)", "",
                     "| check | source | " + windows.map(\.label).joined(separator: " | ") + " |",
                     "|---|---|" + String(repeating: "---:|", count: windows.count)]
        for (check, source, values) in rows {
            lines.append("| \(check) | \(source) | " + values.joined(separator: " | ") + " |")
        }
        lines += ["", "Scaling reaction: seconds from the step's start to the end of the last minute in which the "
            + "service's running tasks rose (0: they did not rise; CloudWatch's 1-minute resolution)."]
        return lines.joined(separator: "\n") + "\n"
    }
}
