import ArgumentParser
import E2EScenario
import Foundation
import LoadFigures

/// The windows `tpsctl load figures` reads: each step of a load result (from its shards'
/// recorded start to the last one's end), or one `--from`/`--until` window.
enum LoadFigureWindows {
    static func steps(of result: LoadReport, file: String) throws -> [FigureWindow] {
        let start = result.startAt ?? result.startedAt
        return try zip(result.schedule, result.steps).enumerated().map { number, pair in
            let (scheduled, step) = pair
            let planned = start.addingTimeInterval(Double(scheduled.offsetSeconds))
            let from = step.shards.compactMap(\.startedAt).min() ?? planned
            let until = step.shards.map { ($0.startedAt ?? planned).addingTimeInterval($0.seconds) }.max()
                ?? planned.addingTimeInterval(Double(scheduled.seconds))
            do {
                return try FigureWindow(label: scheduled.label, from: from, until: until)
            } catch {
                throw ValidationError("\(file): step \(number + 1): \(error)")
            }
        }
    }

    static func window(from: String, until: String) throws -> FigureWindow {
        let start = try MomentArgument.parse(from, flag: "--from")
        let end = try MomentArgument.parse(until, flag: "--until")
        guard end > start else { throw ValidationError("--until \(until): not after --from \(from)") }
        return try FigureWindow(label: "\(iso(start)) – \(iso(end))", from: start, until: end)
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
