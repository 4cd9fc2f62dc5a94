import ArgumentParser
import Foundation
import Provisioning

/// `tpsctl diff`: desired vs live vs recorded, field by field, plus orphans. Exit 2 on drift.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show drift: desired vs live vs recorded, and orphans (exit 2 when any).")

    @OptionGroup var options: ProvisionOptions

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        var drift = false
        try await reportingDiagnostics {
            let prepared = try options.prepare()
            let graph = try await prepared.deployment.graph(prepared.targets)
            let report = try await prepared.deployment.engine().drift(graph, selection: prepared.deployment.selection)
            switch output {
            case .json: print(String(decoding: try report.json(), as: UTF8.self))
            case .text: print(report.render())
            }
            drift = report.hasDrift
        }
        if drift { throw ExitCode(2) }
    }
}
