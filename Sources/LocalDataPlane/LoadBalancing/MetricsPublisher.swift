import AWSClient
import FoundationEssentials
import Logging

/// Every period (60 s, as ALB does), puts each served load balancer's figures into the local
/// CloudWatch under AWS/ApplicationELB: per load balancer and per target group (with the
/// LoadBalancer dimension too), TargetResponseTime as raw values with counts so percentile
/// statistics work.
struct MetricsPublisher: Sendable {
    static let namespace = "AWS/ApplicationELB"

    let cloudWatch: CloudWatch
    let logger: Logger

    func publish(loadBalancer: String, _ period: LoadBalancerMetrics.Period, at timestamp: Date) async {
        let data = Self.datums(loadBalancer: loadBalancer, period, at: timestamp)
        guard !data.isEmpty else { return }
        do {
            try await cloudWatch.putMetricData(namespace: Self.namespace, data)
        } catch {
            logger.warning("PutMetricData for \(loadBalancer): \(error)")
        }
    }

    static func datums(loadBalancer: String, _ period: LoadBalancerMetrics.Period, at timestamp: Date) -> [CloudWatch.MetricDatum] {
        guard period.loadBalancer.requests > 0 else { return [] }
        let balancer = [(name: "LoadBalancer", value: loadBalancer)]
        var data = figures(period.loadBalancer, dimensions: balancer, at: timestamp)
        if period.loadBalancer.elb5xx > 0 {
            data.append(.init(name: "HTTPCode_ELB_5XX_Count", dimensions: balancer, timestamp: timestamp, unit: "Count",
                              value: Double(period.loadBalancer.elb5xx)))
        }
        for (pool, group) in period.groups.values.sorted(by: { $0.pool.arn < $1.pool.arn }) {
            let dimensions = [(name: "TargetGroup", value: pool.arnSuffix), (name: "LoadBalancer", value: loadBalancer)]
            data += figures(group, dimensions: dimensions, at: timestamp)
            let targets = max(1, pool.healthyCount)
            data.append(.init(name: "RequestCountPerTarget", dimensions: dimensions, timestamp: timestamp, unit: "Count",
                              value: Double(group.requests) / Double(targets)))
        }
        return data
    }

    static func figures(_ figures: LoadBalancerMetrics.Figures, dimensions: [(name: String, value: String)],
                        at timestamp: Date) -> [CloudWatch.MetricDatum] {
        var data: [CloudWatch.MetricDatum] = [
            .init(name: "RequestCount", dimensions: dimensions, timestamp: timestamp, unit: "Count", value: Double(figures.requests)),
        ]
        for (name, count) in [("HTTPCode_Target_2XX_Count", figures.target2xx), ("HTTPCode_Target_4XX_Count", figures.target4xx),
                              ("HTTPCode_Target_5XX_Count", figures.target5xx)] where count > 0 {
            data.append(.init(name: name, dimensions: dimensions, timestamp: timestamp, unit: "Count", value: Double(count)))
        }
        for (values, counts) in distribution(figures.responseTimes) {
            data.append(.init(name: "TargetResponseTime", dimensions: dimensions, timestamp: timestamp, unit: "Seconds",
                              values: values, counts: counts))
        }
        return data
    }

    /// Raw response times as (values, counts) chunks of at most 150 distinct values each,
    /// rounded to 0.1 ms so repeated values share a count.
    static func distribution(_ times: [Double]) -> [(values: [Double], counts: [Double])] {
        var counts: [Double: Double] = [:]
        for time in times { counts[(time * 10_000).rounded() / 10_000, default: 0] += 1 }
        let values = counts.keys.sorted()
        return stride(from: 0, to: values.count, by: CloudWatch.maxValuesPerDatum).map { start in
            let chunk = Array(values[start..<min(start + CloudWatch.maxValuesPerDatum, values.count)])
            return (chunk, chunk.map { counts[$0]! })
        }
    }
}
