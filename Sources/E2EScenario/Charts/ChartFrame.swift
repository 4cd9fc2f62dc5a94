/// What every chart shares: the plot area inside the margins, the title, the legend row and
/// the axis titles, so each chart type only draws its data and tick labels.
struct ChartFrame {
    static let width = 760
    static let height = 380

    let left: Double = 72
    let right: Double
    let top: Double = 66
    let bottom = Double(height - 50)

    init(rightAxis: Bool) {
        right = Double(Self.width) - (rightAxis ? 72 : 24)
    }

    func begin(title: String, legend: [(name: String, dashed: Bool)], xLabel: String, yLabel: String,
               rightYLabel: String?) -> SVGDocument {
        var svg = SVGDocument(width: Self.width, height: Self.height, title: title)
        svg.text(title, 16, 24, class: "fg title")
        var x = left
        for (index, item) in legend.enumerated() {
            svg.polyline([(x, 44), (x + 20, 44)], class: ChartTheme.seriesClass(index), dashed: item.dashed)
            svg.text(item.name, x + 26, 48)
            x += 26 + Double(item.name.count) * 7 + 22
        }
        svg.text(xLabel, (left + right) / 2, Double(Self.height) - 10, anchor: .middle)
        svg.text(yLabel, 18, (top + bottom) / 2, anchor: .middle, rotated: true)
        if let rightYLabel {
            svg.text(rightYLabel, Double(Self.width) - 12, (top + bottom) / 2, anchor: .middle, rotated: true)
        }
        return svg
    }

    /// Horizontal grid lines and tick labels of a value axis, on the left or the right.
    func valueAxis(_ scale: ChartScale, onRight: Bool, into svg: inout SVGDocument) {
        for tick in scale.ticks {
            let y = scale.position(tick, from: bottom, to: top)
            if !onRight { svg.line(left, y, right, y, class: "grid") }
            svg.text(ChartScale.label(tick), onRight ? right + 6 : left - 6, y + 4, anchor: onRight ? .start : .end)
        }
        svg.line(onRight ? right : left, top, onRight ? right : left, bottom, class: "axis")
    }
}
