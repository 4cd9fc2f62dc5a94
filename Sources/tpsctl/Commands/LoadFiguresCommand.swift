import ArgumentParser
import E2EScenario
import Foundation
import LoadFigures

/// `tpsctl load figures`: the deployment's own CloudWatch figures for a load run's windows —
/// ALB throughput, latency and status classes, ECS CPU/memory/tasks, the commit queue and
/// DLQ, Aurora, Redis — for the resources `tpsctl up` recorded, appended to the run's report.
struct LoadFiguresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Add the deployment's CloudWatch figures for a load run's steps (or a window) to its report.",
        discussion: """
            With --result, one column per step of that `load run`/`load merge` --json result; else one \
            --from/--until window. Dimension values come from the state directory (stages 03 and 05). \
            CloudWatch publishes with a delay of a minute or more: read the figures a few minutes after the run.
            """)

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "Where `tpsctl up` recorded the deployment's state.")
    var stateDir = "infra/out"

    @Option(help: "A `tpsctl load run`/`load merge` JSON result: one column per step.")
    var result: String?

    @Option(help: "Start of one window: unix seconds or RFC 3339 (instead of --result).")
    var from: String?

    @Option(help: "End of that window.")
    var until: String?

    @Option(help: "Markdown report to append the figures to (default: print them).")
    var report: String?

    func run() async throws {
        try await reportingErrors {
            let windows = try checkedWindows()
            let prepared = try deployment.prepare(deployment.request(stateDirectory: stateDir))
            var regions: [(target: Int, dimensions: DeploymentDimensions)] = []
            for (index, target) in prepared.targets.enumerated() {
                regions.append((index, try await DeploymentDimensions.recorded(in: prepared.deployment.store,
                                                                                region: target.name)))
            }
            let loadResult = try result.map { try LoadResultFiles.read($0) }
            var sections: [String] = []
            for (index, dimensions) in regions {
                let client = prepared.targets[index].client
                let table = try await LoadFigures.collect(client: client, deployment: dimensions, windows: windows)
                sections.append(table.markdown())
                if let loadResult, let first = windows.first, let last = windows.last {
                    let tasks = try await RunningTasks.read(client: client, deployment: dimensions,
                                                            from: first.measuredFrom, until: last.until)
                    sections.append(SeedChecks.markdown(result: loadResult, figures: table, tasks: tasks))
                    if let report { sections.append(try tasksChart(tasks, of: loadResult, beside: report)) }
                }
            }
            let text = sections.joined(separator: "\n")
            if let report {
                try append("\n" + text, to: report)
                print("figures of \(regions.count) region(s) appended to \(report)")
            } else {
                print(text, terminator: "")
            }
        }
    }

    /// Exactly one source of windows, every one valid, before anything else is read.
    func checkedWindows() throws -> [FigureWindow] {
        switch (result, from, until) {
        case let (file?, nil, nil):
            let windows = try LoadFigureWindows.steps(of: try LoadResultFiles.read(file), file: file)
            guard !windows.isEmpty else { throw ValidationError("--result \(file): the result has no steps") }
            return windows
        case let (nil, start?, end?):
            return [try LoadFigureWindows.window(from: start, until: end)]
        case (nil, nil, _?): throw ValidationError("--until: give --from with it")
        case (nil, _?, nil): throw ValidationError("--from: give --until with it")
        case (nil, nil, nil): throw ValidationError("load figures: give --result <load JSON> or --from and --until")
        default: throw ValidationError("--result with --from/--until: the result's steps are the windows; give one of them")
        }
    }

    /// The running tasks per service over the run, as a chart beside the report, and its link.
    private func tasksChart(_ tasks: RunningTasks, of result: LoadReport, beside report: String) throws -> String {
        let start = LoadCharts.runStart(result)
        let chart = LoadCharts.runningTasks(result, region: tasks.region, services: tasks.services.map { service in
            (service.role, service.points.map { ($0.time.timeIntervalSince(start), $0.tasks) })
        })
        let link = try LoadResultFiles.writeCharts([chart], beside: report)[0]
        return "![\(link.title)](\(link.file))\n"
    }

    private func append(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        guard let handle = try? FileHandle(forWritingTo: url) else {
            do {
                try Data(text.utf8).write(to: url)
            } catch {
                throw ValidationError("--report \(path): cannot write it (\((error as NSError).localizedDescription))")
            }
            return
        }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }
}
