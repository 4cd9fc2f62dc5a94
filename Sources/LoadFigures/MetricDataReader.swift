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
            let queries = batch.enumerated().map { $0.element.input(id: "q\($0.offset)", period: period) }
            for result in try await CloudWatch(client: client).getMetricData(queries: queries, from: from, until: until) {
                guard let query = byId[result.id] else { continue }
                found[query, default: []] += result.datapoints.map { (time: $0.time ?? from, value: $0.value) }
            }
        }
        return found
    }
}
