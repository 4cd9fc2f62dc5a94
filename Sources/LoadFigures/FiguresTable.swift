/// One region's figures: a row per figure, a column per window (per load step), rendered as
/// the Markdown section the load report ends with.
public struct FiguresTable: Sendable {
    public let region: String
    public let windows: [FigureWindow]
    public let rows: [(label: String, values: [Double?], formatted: [String])]
    /// What could not be read, said once above the table.
    public let notes: [String]

    static let reading = "Read with GetMetricData for each window below, widened to whole minutes (CloudWatch's "
        + "resolution); rates are per second of the widened window; \"no data\": the metric has no datapoints there."

    /// The row labelled `label`'s figures, one per window (nil: no data).
    public func values(_ label: String) -> [Double?]? {
        rows.first { $0.label == label }?.values
    }

    /// The row labelled `label` as the table shows it, one cell per window.
    public func formatted(_ label: String) -> [String]? {
        rows.first { $0.label == label }?.formatted
    }

    public func markdown() -> String {
        var lines: [String] = ["## CloudWatch figures, \(region)", "", Self.reading, ""]
        for note in notes { lines += ["- \(note)", ""] }
        lines.append("| figure | " + windows.map(\.label).joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: windows.count))
        for row in rows {
            lines.append("| \(row.label) | " + row.formatted.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
