import ArgumentParser
import Foundation
import Provisioning

/// `tpsctl plan`: what `up` would do, per region, in order (the same read/diff code as `up`).
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show what `up` would create, change, replace or delete.")

    @OptionGroup var options: ProvisionOptions

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Flag(help: "Exit 0 when there is nothing to do, 2 when there are changes, 1 on error.")
    var detailedExitcode = false

    func run() async throws {
        var changes = false
        try await reportingDiagnostics {
            let prepared = try options.prepare()
            let graph = try await prepared.deployment.graph(prepared.targets)
            let plan = try await prepared.deployment.engine().plan(graph, selection: prepared.deployment.selection)
            switch output {
            case .json: print(String(decoding: try plan.json(), as: UTF8.self))
            case .text: print(plan.render())
            }
            changes = plan.hasChanges
            let trustWarning = TransitTrustWarning.line(stack: prepared.deployment.stack, stackPath: options.deployment.stackPath)
            for warning in await PlanCapacityWarnings.lines(prepared, stackPath: options.deployment.stackPath)
                + (trustWarning.map { [$0] } ?? []) {
                FileHandle.standardError.write(Data("tpsctl: \(warning)\n".utf8))
            }
        }
        if detailedExitcode, changes { throw ExitCode(2) }
    }
}
