import FoundationEssentials

/// CloudWatch metrics (JSON 1.0): publishing data points (what a data plane does); alarms and
/// reading metrics back are in their own files.
public struct CloudWatch: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// One metric's figures for one timestamp: a single `value`, or a distribution of raw
    /// `values` with their `counts` (what lets CloudWatch answer percentiles).
    public struct MetricDatum: Sendable, Hashable {
        public var name: String
        public var dimensions: [(name: String, value: String)]
        public var timestamp: Date
        public var unit: String
        public var value: Double?
        public var values: [Double]
        public var counts: [Double]

        public init(name: String, dimensions: [(name: String, value: String)], timestamp: Date, unit: String,
                    value: Double? = nil, values: [Double] = [], counts: [Double] = []) {
            self.name = name
            self.dimensions = dimensions
            self.timestamp = timestamp
            self.unit = unit
            self.value = value
            self.values = values
            self.counts = counts
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.name == rhs.name && lhs.dimensions.map(\.name) == rhs.dimensions.map(\.name)
                && lhs.dimensions.map(\.value) == rhs.dimensions.map(\.value) && lhs.timestamp == rhs.timestamp
                && lhs.unit == rhs.unit && lhs.value == rhs.value && lhs.values == rhs.values && lhs.counts == rhs.counts
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(name)
            hasher.combine(timestamp)
        }

        var json: JSONValue {
            var object: [String: JSONValue] = [
                "MetricName": .string(name), "Unit": .string(unit),
                "Timestamp": .number(timestamp.timeIntervalSince1970),
                "Dimensions": .array(dimensions.map { ["Name": .string($0.name), "Value": .string($0.value)] }),
            ]
            if let value { object["Value"] = .number(value) }
            if !values.isEmpty {
                object["Values"] = .array(values.map(JSONValue.number))
                object["Counts"] = .array(counts.map(JSONValue.number))
            }
            return .object(object)
        }
    }

    /// AWS takes at most 150 distinct values per datum and 1000 datums per call; larger
    /// batches are split.
    public static let maxValuesPerDatum = 150
    static let maxDatumsPerCall = 1000

    public func putMetricData(namespace: String, _ data: [MetricDatum]) async throws {
        for start in stride(from: 0, to: data.count, by: Self.maxDatumsPerCall) {
            let batch = data[start..<min(start + Self.maxDatumsPerCall, data.count)]
            _ = try await client.json(.cloudWatch, "PutMetricData", [
                "Namespace": .string(namespace), "MetricData": .array(batch.map(\.json)),
            ])
        }
    }
}
