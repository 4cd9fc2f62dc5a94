import Foundation

/// The load report's charts, from the result itself: achieved vs target rate per step, and
/// over the run in the timeline's 10-s buckets the latency percentiles and the status mix.
/// The running tasks per service come from CloudWatch (`runningTasks`), added by `load figures`.
public enum LoadCharts {
    public static func charts(of report: LoadReport) -> [LoadChart] {
        [rates(report), latency(report), statuses(report)]
    }

    static func rates(_ report: LoadReport) -> LoadChart {
        let labels = report.schedule.map(\.label)
        let chart = BarChart(title: "Achieved vs target request rate per step", xLabel: "step (target rate)",
                             yLabel: "requests per second", categories: labels,
                             series: [("target req/s", report.steps.map { Double($0.targetRate) }),
                                      ("achieved req/s", report.steps.map(\.achievedRate))])
        return LoadChart(title: chart.title, suffix: "rate", svg: chart.svg())
    }

    static func latency(_ report: LoadReport) -> LoadChart {
        let buckets = timeline(report)
        func series(_ name: String, _ fraction: Double, dashed: Bool = false) -> ChartSeries {
            ChartSeries(name: name, points: buckets.map { ($0.x, $0.tally.requests - $0.tally.failures > 0
                ? $0.tally.latency.percentile(fraction) : nil) }, dashed: dashed)
        }
        let chart = LineChart(title: "Latency percentiles over the run (10-s buckets, by send time)",
                              xLabel: "seconds since the run's start", yLabel: "latency (ms)",
                              series: [series("p50", 0.50), series("p95", 0.95), series("p99", 0.99)],
                              markers: markers(report))
        return LoadChart(title: chart.title, suffix: "latency", svg: chart.svg())
    }

    static func statuses(_ report: LoadReport) -> LoadChart {
        let buckets = timeline(report)
        let seconds = Double(LoadStepResult.bucketSeconds)
        func perSecond(_ name: String, dashed: Bool = false, _ count: @escaping (LoadTally) -> Int) -> ChartSeries {
            ChartSeries(name: name, points: buckets.map { ($0.x, Double(count($0.tally)) / seconds) }, rightAxis: true,
                        dashed: dashed)
        }
        let ratio = ChartSeries(name: "2xx/304 ratio (%)", points: buckets.map {
            ($0.x, $0.tally.requests > 0 ? $0.tally.okRatio * 100 : nil)
        })
        var chart = LineChart(title: "2xx/304 ratio and errors over the run (10-s buckets)",
                              xLabel: "seconds since the run's start", yLabel: "2xx/304 of answers (%)",
                              rightYLabel: "errors per second",
                              series: [ratio,
                                       perSecond("4xx/s (409 incl.)", dashed: true) { $0.clientErrors },
                                       perSecond("5xx/s") { $0.serverErrors },
                                       perSecond("no answer/s") { $0.failures }],
                              markers: markers(report))
        chart.leftAxisIsPercent = true
        return LoadChart(title: chart.title, suffix: "status", svg: chart.svg())
    }

    /// Running tasks per service (CloudWatch's RunningTaskCount), as seconds since the run's start.
    public static func runningTasks(_ report: LoadReport, region: String,
                                    services: [(name: String, points: [(seconds: Double, tasks: Double?)])]) -> LoadChart {
        let chart = LineChart(title: "Running tasks per service, \(region) (CloudWatch RunningTaskCount, 1-min max)",
                              xLabel: "seconds since the run's start", yLabel: "running tasks",
                              series: services.map { ChartSeries(name: $0.name, points: $0.points.map { ($0.seconds, $0.tasks) }) },
                              markers: markers(report))
        return LoadChart(title: chart.title, suffix: "tasks-\(region)", svg: chart.svg())
    }

    /// Every step's buckets at their midpoints, in seconds since the run's start.
    static func timeline(_ report: LoadReport) -> [(x: Double, tally: LoadTally)] {
        let width = Double(LoadStepResult.bucketSeconds)
        return zip(stepStarts(report), report.steps).flatMap { start, step in
            (step.timeline ?? []).enumerated().map { index, tally in (start + Double(index) * width + width / 2, tally) }
        }
    }

    /// Each step's start in seconds since the run's start: when its first shard began it (a step
    /// after one that overran starts late), else as planned.
    static func stepStarts(_ report: LoadReport) -> [Double] {
        let start = runStart(report)
        return zip(report.schedule, report.steps).map { planned, step in
            step.shards.compactMap(\.startedAt).min().map { $0.timeIntervalSince(start) } ?? Double(planned.offsetSeconds)
        }
    }

    /// When the run's first step began: the agreed start, else the earliest shard's first step.
    public static func runStart(_ report: LoadReport) -> Date {
        report.startAt ?? report.steps.first?.shards.compactMap(\.startedAt).min() ?? report.startedAt
    }

    static func markers(_ report: LoadReport) -> [(x: Double, label: String)] {
        zip(stepStarts(report), report.schedule).map { ($0, $1.label) }
    }
}
