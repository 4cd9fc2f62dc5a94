import AWSClient
import Foundation

/// GetMetricData for one window: the queries in batches of at most 500 (the API's limit),
/// each batch followed through NextToken, the datapoints gathered per query.
public struct MetricDataReader: Sendable {
    public static let batchSize = 500

    let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    /// Every query's datapoint values within `window` (empty: no datapoints).
    public func values(of queries: [MetricQuery], in window: FigureWindow) async throws -> [MetricQuery: [Double]] {
        try await series(of: queries, from: window.measuredFrom, until: window.measuredUntil, period: window.period)
            .mapValues { $0.map(\.value) }
    }

    /// Every query's datapoints from `from` to `until`, one per `period` seconds that has data,
    /// oldest first.
    public func series(of queries: [MetricQuery], from: Date, until: Date,
                       period: Int) async throws -> [MetricQuery: [(time: Date, value: Double)]] {
        var found: [MetricQuery: [(time: Date, value: Double)]] = [:]
        for start in stride(from: 0, to: queries.count, by: Self.batchSize) {
            let batch = Array(queries[start..<min(start + Self.batchSize, queries.count)])
            let byId = Dictionary(uniqueKeysWithValues: batch.enumerated().map { ("q\($0.offset)", $0.element) })
            var token: String?
            repeat {
                var input: [String: JSONValue] = [
                    "MetricDataQueries": .array(batch.enumerated().map { $0.element.input(id: "q\($0.offset)", period: period) }),
                    "StartTime": .number(from.timeIntervalSince1970),
                    "EndTime": .number(until.timeIntervalSince1970),
                    "ScanBy": "TimestampAscending",
                ]
                if let token { input["NextToken"] = .string(token) }
                let output = try await client.json(.cloudWatch, "GetMetricData", .object(input))
                for result in output["MetricDataResults"]?.array ?? [] {
                    guard let id = result["Id"]?.string, let query = byId[id] else { continue }
                    let times = (result["Timestamps"]?.array ?? []).map { $0.double.map(Date.init(timeIntervalSince1970:)) }
                    let values = (result["Values"]?.array ?? []).map(\.double)
                    found[query, default: []] += zip(times, values).compactMap { time, value in
                        guard let value else { return nil }
                        return (time ?? from, value)
                    }
                }
                token = output["NextToken"]?.string
            } while token != nil
        }
        return found
    }
}
