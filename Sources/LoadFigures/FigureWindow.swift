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

    /// What is asked of CloudWatch: the window widened to whole minutes, its standard
    /// resolution (it would round an unaligned start down and add a period at the end), as
    /// one period — one datapoint per query. Rates divide by this span.
    public var measuredFrom: Date { Date(timeIntervalSince1970: (from.timeIntervalSince1970 / 60).rounded(.down) * 60) }
    public var measuredUntil: Date { Date(timeIntervalSince1970: (until.timeIntervalSince1970 / 60).rounded(.up) * 60) }
    public var measuredSeconds: Double { measuredUntil.timeIntervalSince(measuredFrom) }
    var period: Int { Int(measuredSeconds) }
}
