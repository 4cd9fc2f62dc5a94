import AWSClient
import Foundation

/// Running tasks per ECS service across a load run, one datapoint a minute (Container
/// Insights' RunningTaskCount, the minute's maximum): the report's tasks chart and, per step,
/// the seed's "scaling reaction" — seconds from the step's start until the count stops rising.
public struct RunningTasks: Sendable {
    public struct Service: Sendable {
        /// The stack's service (`public-api`).
        public let role: String
        public let points: [(time: Date, tasks: Double)]
    }

    /// CloudWatch's resolution for this metric, and so the reaction's.
    public static let period = 60

    public let region: String
    public let services: [Service]

    public static func read(client: AWSClient, deployment: DeploymentDimensions, from: Date,
                            until: Date) async throws -> RunningTasks {
        let queries = deployment.services.map { service in
            MetricQuery("ECS/ContainerInsights", "RunningTaskCount",
                        [.init("ClusterName", service.cluster), .init("ServiceName", service.service)], "Maximum")
        }
        let start = Date(timeIntervalSince1970: (from.timeIntervalSince1970 / 60).rounded(.down) * 60)
        let end = Date(timeIntervalSince1970: (until.timeIntervalSince1970 / 60).rounded(.up) * 60)
        let found = try await MetricDataReader(client: client).series(of: queries, from: start, until: end, period: period)
        return RunningTasks(region: deployment.region, services: zip(deployment.services, queries).map { service, query in
            Service(role: service.role, points: (found[query] ?? []).sorted { $0.time < $1.time }.map { ($0.time, $0.value) })
        })
    }

    /// Seconds from `window`'s start to the end of the last minute in it whose count rose
    /// above the minute before (0: it never rose); nil: no datapoints in the window.
    public func reaction(of service: Service, in window: FigureWindow) -> Double? {
        let inside = service.points.filter { $0.time >= window.measuredFrom && $0.time < window.until }
        guard let first = inside.first else { return nil }
        var last: Date?
        var previous = first.tasks
        for point in inside.dropFirst() {
            if point.tasks > previous { last = point.time }
            previous = point.tasks
        }
        guard let last else { return 0 }
        return max(0, last.addingTimeInterval(Double(Self.period)).timeIntervalSince(window.from))
    }

    /// One row per service: its scaling reaction in each window.
    public func rows(_ windows: [FigureWindow]) -> [(label: String, values: [String])] {
        services.map { service in
            ("ECS \(service.role) scaling reaction s", windows.map { window in
                reaction(of: service, in: window).map { String(format: "%.0f", $0) } ?? "no data"
            })
        }
    }
}
