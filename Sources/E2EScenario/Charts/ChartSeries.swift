/// One line of a line chart (or one colour of a bar chart): its legend name and its points;
/// a nil value is a gap (no data there), never drawn as zero.
struct ChartSeries {
    let name: String
    let points: [(x: Double, y: Double?)]
    /// Read against the right-hand axis (a second unit).
    var rightAxis = false
    var dashed = false
}
