import E2EScenario
import Foundation
import Ticketing

/// Reading and writing load results: the JSON a shard writes and `merge` reads, the Markdown
/// report, and the one-line summary of a step printed as it finishes.
enum LoadResultFiles {
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String) throws(Unreadable) -> LoadReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Unreadable(description: "\(path): cannot read it (\((error as NSError).localizedDescription))")
        }
        do {
            return try JSONCoding.makeDecoder().decode(LoadReport.self, from: data)
        } catch {
            throw Unreadable(description: "\(path): not a tpsctl load result (\(describe(error)))")
        }
    }

    /// The report, its charts beside it (`<report>-<chart>.svg`, linked from it) and the JSON.
    static func write(_ result: LoadReport, report: String, json: String?) throws {
        let links = try writeCharts(LoadCharts.charts(of: result), beside: report)
        try Data(result.markdown(charts: links).utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
        if let json { try result.encoded().write(to: URL(fileURLWithPath: json), options: .atomic) }
    }

    /// Each chart as an SVG file in the report's directory, named after the report.
    static func writeCharts(_ charts: [LoadChart], beside report: String) throws -> [LoadChartLink] {
        let url = URL(fileURLWithPath: report)
        let base = url.deletingPathExtension().lastPathComponent
        return try charts.map { chart in
            let name = chart.fileName(base: base)
            try Data(chart.svg.utf8).write(to: url.deletingLastPathComponent().appendingPathComponent(name),
                                           options: .atomic)
            return LoadChartLink(title: chart.title, file: name)
        }
    }

    static func summary(of step: LoadStepResult) -> String {
        String(format: "step %d req/s: achieved %.1f, 2xx/304 %.1f%%, p95 %.2f ms, p99 %.2f ms, dropped %d",
               step.targetRate, step.achievedRate, step.okRatio * 100, step.p95Ms, step.p99Ms, step.dropped)
            + (step.botCores.map { String(format: ", bot CPU %.2f cores", $0) } ?? "")
    }

    /// A decoding error as its path and reason, on one line.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "\(path): ") + context.debugDescription
        default:
            return String(describing: error)
        }
    }
}
