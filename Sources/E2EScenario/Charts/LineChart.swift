/// A line chart over a numeric x axis (seconds of the run): one or two value axes, a
/// legend, vertical markers (the steps' starts) and gaps where a series has no data.
struct LineChart {
    let title: String
    let xLabel: String
    let yLabel: String
    var rightYLabel: String? = nil
    let series: [ChartSeries]
    var markers: [(x: Double, label: String)] = []
    /// The right axis is a ratio in percent: keep it at 0…100.
    var rightAxisIsPercent = false
    var leftAxisIsPercent = false

    func svg() -> String {
        let hasRight = series.contains(where: \.rightAxis)
        let frame = ChartFrame(rightAxis: hasRight)
        var svg = frame.begin(title: title, legend: series.map { ($0.name, $0.dashed) }, xLabel: xLabel,
                              yLabel: yLabel, rightYLabel: hasRight ? rightYLabel : nil)
        let xs = series.flatMap { $0.points.map(\.x) } + markers.map(\.x)
        let xScale = ChartScale(values: xs, count: 8)
        func values(right: Bool) -> [Double] {
            series.filter { $0.rightAxis == right }.flatMap { $0.points.compactMap(\.y) }
        }
        let leftScale = leftAxisIsPercent ? ChartScale(values: [100]) : ChartScale(values: values(right: false))
        let rightScale = rightAxisIsPercent ? ChartScale(values: [100]) : ChartScale(values: values(right: true))
        frame.valueAxis(leftScale, onRight: false, into: &svg)
        if hasRight { frame.valueAxis(rightScale, onRight: true, into: &svg) }
        for tick in xScale.ticks {
            let x = xScale.position(tick, from: frame.left, to: frame.right)
            svg.line(x, frame.bottom, x, frame.bottom + 4, class: "axis")
            svg.text(ChartScale.label(tick), x, frame.bottom + 18, anchor: .middle)
        }
        svg.line(frame.left, frame.bottom, frame.right, frame.bottom, class: "axis")
        for marker in markers {
            let x = xScale.position(marker.x, from: frame.left, to: frame.right)
            svg.line(x, frame.top, x, frame.bottom, class: "marker")
            svg.text(marker.label, x + 4, frame.top + 12)
        }
        if series.allSatisfy({ $0.points.allSatisfy { $0.y == nil } }) {
            svg.text("no data", (frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2, anchor: .middle)
        }
        for (index, line) in series.enumerated() {
            let scale = line.rightAxis ? rightScale : leftScale
            var run: [(Double, Double)] = []
            func flush() {
                if run.count == 1 {
                    svg.circle(run[0].0, run[0].1, radius: 2.5, class: ChartTheme.seriesClass(index))
                } else {
                    svg.polyline(run, class: ChartTheme.seriesClass(index), dashed: line.dashed)
                }
                run = []
            }
            for point in line.points {
                guard let y = point.y else {
                    flush()
                    continue
                }
                run.append((xScale.position(point.x, from: frame.left, to: frame.right),
                            scale.position(y, from: frame.bottom, to: frame.top)))
            }
            flush()
        }
        return svg.rendered()
    }
}
