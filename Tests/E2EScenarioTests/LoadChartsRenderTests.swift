import Foundation
import Testing
import TpsctlTestSupport
@testable import E2EScenario

/// The report's charts as a reader sees them: `tpsctl load merge` writes the report and its
/// SVGs, the report's Markdown is turned into a page (its image links as `<img>`), and
/// headless Chromium (Debian's `chromium`) loads it: every linked chart must decode as an
/// image of the chart's size, in the light and the dark colour scheme.
@Suite(.serialized) struct LoadChartsRenderTests {
    /// A two-shard run of two steps and a soak with 10-s timelines, some 5xx and 409s.
    static func shard(_ index: Int) -> LoadReport {
        let shard = LoadShard(uncheckedIndex: index, count: 2)
        let schedule = LoadStepPlan.schedule(rates: [20, 40], stepSeconds: 30, soakSeconds: 60)
        let steps = schedule.enumerated().map { number, planned in
            let timeline = (0..<(planned.seconds / LoadStepResult.bucketSeconds)).map { bucket in
                LoadReportMergeTests.tally(ok: 8 + bucket, conflicts: 1, latencies: (0..<(10 + bucket)).map {
                    Double($0 + 1) * Double(number + 1)
                })
            }
            return LoadStepResult(targetRate: planned.rate,
                                  shards: [.init(shard: index, targetRate: shard.share(of: planned.rate),
                                                 seconds: Double(planned.seconds),
                                                 requests: shard.share(of: planned.rate) * planned.seconds - number,
                                                 dropped: 0, skippedPurchases: 0)],
                                  kinds: [.summary: timeline.reduce(into: LoadTally()) { $0.merge($1) }],
                                  timeline: timeline)
        }
        return LoadReport(targetRates: [20, 40], stepSeconds: 30, soakSeconds: 60,
                          startAt: Date(timeIntervalSince1970: 1_800_000_000), shardCount: 2, shards: [index],
                          startedAt: Date(timeIntervalSince1970: 1_800_000_000), publicURL: "http://127.0.0.1:1",
                          confirmURL: "http://127.0.0.1:2", eventId: "evt-0001", maxInFlight: 64, steps: steps)
    }

    @Test func eachChartHasAxesUnitsAndALegend() {
        let merged = try! LoadReportMerge.merge([("1", Self.shard(1)), ("2", Self.shard(2))])
        let charts = LoadCharts.charts(of: merged)
        #expect(charts.map(\.suffix) == ["rate", "latency", "status"])
        let expected: [[String]] = [
            ["requests per second", "step (target rate)", "target req/s", "achieved req/s", "40 req/s soak"],
            ["latency (ms)", "seconds since the run&apos;s start", "p50", "p95", "p99"],
            ["2xx/304 of answers (%)", "errors per second", "2xx/304 ratio (%)", "5xx/s", "no answer/s"],
        ]
        for (chart, texts) in zip(charts, expected) {
            #expect(chart.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(chart.svg.contains("prefers-color-scheme: dark"))
            for text in texts {
                #expect(chart.svg.contains(">\(text.replacingOccurrences(of: "&apos;", with: "'"))<"), "\(chart.suffix): \(text)")
            }
        }
        // Latency in 10-s buckets: 3 + 3 + 6 buckets, one point each per percentile.
        let latency = charts[1].svg
        let p99 = try! #require(latency.split(separator: "\n").filter { $0.hasPrefix("<polyline class=\"s2\"") }.last)
        #expect(p99.split(separator: " ").filter { $0.contains(",") }.count == 12)
    }

    @Test func chromiumShowsEveryChartOfTheMergedReport() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        for index in 1...2 {
            try Self.shard(index).encoded().write(to: URL(fileURLWithPath: scratch.path("shard-\(index).json")))
        }
        let merge = try await TpsctlChild.run(["load", "merge", scratch.path("shard-1.json"), scratch.path("shard-2.json"),
                                               "--report", scratch.path("run.md")],
                                              environment: ProcessInfo.processInfo.environment)
        #expect(merge.status == 0, "\(merge.stderr)")
        let markdown = try String(contentsOfFile: scratch.path("run.md"), encoding: .utf8)
        let links = ["run-rate.svg", "run-latency.svg", "run-status.svg"]
        for link in links { #expect(markdown.contains("](\(link))"), "\(link) not linked") }
        try ReportPage.html(markdown: markdown).write(toFile: scratch.path("run.html"), atomically: true, encoding: .utf8)
        for scheme in [false, true] {
            let dom = try Chromium.dumpDOM(of: scratch.path("run.html"), dark: scheme)
            for link in links {
                #expect(dom.contains("src=\"\(link)\" data-width=\"760\" data-height=\"380\""),
                        "\(link) not shown (dark: \(scheme)): \(dom.prefix(2000))")
            }
        }
    }
}

/// The report's Markdown as a page: image links become `<img>`; a script records, once the page
/// loaded, each image's decoded size on it (0 when the image failed to load or decode).
enum ReportPage {
    static func html(markdown: String) -> String {
        var body: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("!["), let close = line.firstIndex(of: "]"), line.hasSuffix(")") {
                let alt = line[line.index(line.startIndex, offsetBy: 2)..<close]
                let source = line[line.index(close, offsetBy: 2)..<line.index(before: line.endIndex)]
                body.append("<img alt=\"\(alt)\" src=\"\(source)\">")
            } else {
                body.append("<p>" + line.replacingOccurrences(of: "&", with: "&amp;")
                    .replacingOccurrences(of: "<", with: "&lt;") + "</p>")
            }
        }
        return """
            <!doctype html><html><head><meta charset="utf-8"></head><body>
            \(body.joined(separator: "\n"))
            <script>window.addEventListener('load', () => { for (const img of document.images) {
              img.setAttribute('data-width', img.naturalWidth); img.setAttribute('data-height', img.naturalHeight); } });</script>
            </body></html>
            """
    }
}

/// Headless Chromium, as root (no sandbox), on a local file only.
enum Chromium {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func dumpDOM(of file: String, dark: Bool) throws -> String {
        guard let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else {
            throw Failed(description: "chromium is not installed: scripts/testenv deps installs Debian's chromium")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                             "--virtual-time-budget=5000", "--user-data-dir=" + file + ".profile"]
            + (dark ? ["--force-dark-mode"] : []) + ["--dump-dom", "file://" + file]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "chromium exited \(process.terminationStatus) on \(file)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
