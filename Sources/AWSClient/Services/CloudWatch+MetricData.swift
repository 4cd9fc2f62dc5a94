import FoundationEssentials

/// Reading metrics back: GetMetricData, followed through NextToken.
extension CloudWatch {
    /// One query's datapoints in the order asked for.
    public struct MetricDataResult: Sendable, Equatable {
        public struct Datapoint: Sendable, Equatable {
            /// nil when CloudWatch gave the value without its timestamp.
            public var time: Date?
            public var value: Double
        }

        public var id: String
        public var datapoints: [Datapoint]

        init(_ json: JSONValue) {
            id = json["Id"]?.string ?? ""
            let times = (json["Timestamps"]?.array ?? []).map { $0.double.map(Date.init(timeIntervalSince1970:)) }
            let values = (json["Values"]?.array ?? []).map(\.double)
            datapoints = zip(times, values).compactMap { time, value in value.map { Datapoint(time: time, value: $0) } }
        }
    }

    /// `queries`: MetricDataQuery documents (at most 500, each with its `Id`); oldest datapoints
    /// first. A query's results may come in several parts, one per page.
    public func getMetricData(queries: [JSONValue], from: Date, until: Date) async throws -> [MetricDataResult] {
        var results: [MetricDataResult] = []
        var token: String?
        repeat {
            var input: [String: JSONValue] = [
                "MetricDataQueries": .array(queries),
                "StartTime": .number(from.timeIntervalSince1970),
                "EndTime": .number(until.timeIntervalSince1970),
                "ScanBy": "TimestampAscending",
            ]
            if let token { input["NextToken"] = .string(token) }
            let output = try await client.json(.cloudWatch, "GetMetricData", .object(input))
            results += (output["MetricDataResults"]?.array ?? []).map(MetricDataResult.init)
            token = output["NextToken"]?.string
        } while token != nil
        return results
    }
}
