import AWSClient

/// One `MetricDataQuery` of GetMetricData: a metric, its dimensions and one statistic.
public struct MetricQuery: Sendable, Hashable {
    public let namespace: String
    public let name: String
    /// (name, value) pairs, in the order CloudWatch shows them.
    public let dimensions: [Dimension]
    /// `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount` or a percentile like `p95`.
    public let stat: String

    public struct Dimension: Sendable, Hashable {
        public let name: String
        public let value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ namespace: String, _ name: String, _ dimensions: [Dimension], _ stat: String) {
        self.namespace = namespace
        self.name = name
        self.dimensions = dimensions
        self.stat = stat
    }

    func input(id: String, period: Int) -> JSONValue {
        .object([
            "Id": .string(id),
            "MetricStat": .object([
                "Metric": .object([
                    "Namespace": .string(namespace), "MetricName": .string(name),
                    "Dimensions": .array(dimensions.map { .object(["Name": .string($0.name), "Value": .string($0.value)]) }),
                ]),
                "Period": .number(Double(period)),
                "Stat": .string(stat),
            ]),
            "ReturnData": true,
        ])
    }

    /// The window's datapoints as one value (usually there is one); nil: no datapoints.
    func combined(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        switch stat {
        case "Sum", "SampleCount": return values.reduce(0, +)
        case "Average": return values.reduce(0, +) / Double(values.count)
        case "Minimum": return values.min()
        default: return values.max()  // Maximum, and percentiles: the worst period's
        }
    }
}
