import ArgumentParser
import E2EScenario
import Foundation
import LoadFigures

/// The windows `tpsctl load figures` reads: each step of a load result (from its shards'
/// recorded start to the last one's end), or one `--from`/`--until` window.
enum LoadFigureWindows {
    static func steps(of result: LoadReport, file: String) throws -> [FigureWindow] {
        let start = result.startAt ?? result.startedAt
        return try result.steps.enumerated().map { number, step in
            let planned = start.addingTimeInterval(Double(number * result.stepSeconds))
            let from = step.shards.compactMap(\.startedAt).min() ?? planned
            let until = step.shards.map { ($0.startedAt ?? planned).addingTimeInterval($0.seconds) }.max()
                ?? planned.addingTimeInterval(Double(result.stepSeconds))
            do {
                return try FigureWindow(label: "\(step.targetRate) req/s", from: from, until: until)
            } catch {
                throw ValidationError("\(file): step \(number + 1): \(error)")
            }
        }
    }

    static func window(from: String, until: String) throws -> FigureWindow {
        let start = try moment(from, flag: "--from")
        let end = try moment(until, flag: "--until")
        guard end > start else { throw ValidationError("--until \(until): not after --from \(from)") }
        return try FigureWindow(label: "\(iso(start)) – \(iso(end))", from: start, until: end)
    }

    /// Unix seconds or RFC 3339 (`2026-11-26T05:00:00Z`).
    static func moment(_ text: String, flag: String) throws -> Date {
        if let seconds = Int(text), seconds > 0 { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        if let date = ISO8601DateFormatter().date(from: text) { return date }
        throw ValidationError("\(flag) \(text): expected unix seconds or RFC 3339 like 2026-11-26T05:00:00Z")
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
