/// Grouped bars: one group per category (a load step), one bar per series, each bar's value
/// written above it.
struct BarChart {
    let title: String
    let xLabel: String
    let yLabel: String
    let categories: [String]
    /// Per series, one value per category.
    let series: [(name: String, values: [Double])]

    func svg() -> String {
        let frame = ChartFrame(rightAxis: false)
        var svg = frame.begin(title: title, legend: series.map { ($0.name, false) }, xLabel: xLabel, yLabel: yLabel,
                              rightYLabel: nil)
        let scale = ChartScale(values: series.flatMap(\.values))
        frame.valueAxis(scale, onRight: false, into: &svg)
        svg.line(frame.left, frame.bottom, frame.right, frame.bottom, class: "axis")
        let group = (frame.right - frame.left) / Double(max(categories.count, 1))
        let bar = group * 0.7 / Double(max(series.count, 1))
        for (number, category) in categories.enumerated() {
            let start = frame.left + group * Double(number) + group * 0.15
            svg.text(category, start + group * 0.35, frame.bottom + 18, anchor: .middle)
            for (index, line) in series.enumerated() where number < line.values.count {
                let value = line.values[number]
                let top = scale.position(value, from: frame.bottom, to: frame.top)
                let x = start + bar * Double(index)
                svg.rect(x + 1, top, bar - 2, frame.bottom - top, class: ChartTheme.seriesClass(index))
                svg.text(ChartScale.label((value * 10).rounded() / 10), x + bar / 2, top - 4, anchor: .middle)
            }
        }
        return svg.rendered()
    }
}
