import Foundation

/// One line of the figures table: the metric queries it reads and how their window values
/// make its figure. A figure whose inputs have no datapoints is nil, shown as "no data" —
/// never as zero, which would claim the deployment measured nothing.
public struct FigureRow: Sendable {
    public enum Unit: Sendable {
        case count, perSecond, milliseconds, seconds, percent, ratio, plain
    }

    public let label: String
    public let unit: Unit
    public let queries: [MetricQuery]
    /// The queries' window values (nil: no datapoints) and the measured span's seconds → the figure.
    let compute: @Sendable ([Double?], Double) -> Double?

    init(_ label: String, _ unit: Unit, _ queries: [MetricQuery],
         compute: @escaping @Sendable ([Double?], Double) -> Double?) {
        self.label = label
        self.unit = unit
        self.queries = queries
        self.compute = compute
    }

    /// One query's value as it is, times `scale`.
    init(_ label: String, _ unit: Unit, _ query: MetricQuery, scale: Double = 1) {
        self.init(label, unit, [query]) { values, _ in values[0].map { $0 * scale } }
    }

    /// Several queries of one metric (e.g. a Redis group's nodes) summed or maximised.
    static func across(_ label: String, _ unit: Unit, _ queries: [MetricQuery], max useMax: Bool) -> FigureRow {
        FigureRow(label, unit, queries) { values, _ in
            let present = values.compactMap { $0 }
            guard !present.isEmpty else { return nil }
            return useMax ? present.max() : present.reduce(0, +)
        }
    }

    /// `part / whole`; nil when either has no data or the whole is zero.
    static func ratio(_ label: String, part: [MetricQuery], whole: [MetricQuery], wholeAddsPart: Bool = false) -> FigureRow {
        FigureRow(label, .ratio, part + whole) { values, _ in
            let partValues = values.prefix(part.count).compactMap { $0 }
            let wholeValues = values.suffix(whole.count).compactMap { $0 }
            guard !partValues.isEmpty, !wholeValues.isEmpty else { return nil }
            let numerator = partValues.reduce(0, +)
            let denominator = wholeValues.reduce(0, +) + (wholeAddsPart ? numerator : 0)
            return denominator > 0 ? numerator / denominator : nil
        }
    }

    func format(_ value: Double?) -> String {
        guard let value else { return "no data" }
        switch unit {
        case .count: return value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
        case .perSecond: return String(format: "%.1f", value)
        case .milliseconds: return String(format: "%.2f", value)
        case .seconds: return String(format: "%.0f", value)
        case .percent: return String(format: "%.1f%%", value)
        case .ratio: return String(format: "%.2f%%", value * 100)
        case .plain: return String(format: "%.2f", value)
        }
    }
}
