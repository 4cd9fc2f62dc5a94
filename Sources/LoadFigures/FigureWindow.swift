import Foundation

/// A stretch of time the figures cover: one load step, or a `--from`/`--until` window.
public struct FigureWindow: Sendable, Equatable {
    /// The column heading (`100 req/s`, or the window itself).
    public let label: String
    public let from: Date
    public let until: Date

    public init(label: String, from: Date, until: Date) throws(FigureInputError) {
        guard until > from else {
            throw FigureInputError("window '\(label)': its end is not after its start")
        }
        self.label = label
        self.from = from
        self.until = until
    }

    public var seconds: Double { until.timeIntervalSince(from) }

    /// One datapoint per query: the whole window as one period, in whole minutes (CloudWatch's
    /// standard resolution; per-second rates divide by the window itself, not the period).
    var period: Int { max(60, Int((seconds / 60).rounded(.up)) * 60) }
}
