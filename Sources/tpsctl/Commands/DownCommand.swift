import ArgumentParser
import Foundation
import Provisioning
import Stack
import Stages

/// `tpsctl down`: deletes the selected stages, dependents first, then sweeps by the stack's tags;
/// exits non-zero when anything tagged is left.
struct DownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Delete the stack's resources, then check nothing tagged is left.")

    @OptionGroup var options: ProvisionOptions

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "Production stacks: delete Aurora without its final snapshot (the data is lost).")
    var skipFinalSnapshot = false

    func run() async throws {
        try await reportingDiagnostics {
            let skipFinalSnapshot = skipFinalSnapshot
            let report = try await options.locked("down", adjust: { $0.skipFinalSnapshot = skipFinalSnapshot }) { deployment, graph -> DestroyReport? in
                let engine = deployment.engine(events: ProgressPrinter.sink)
                let kept = DataKept.lines(deployment, graph: graph)
                if !yes {
                    let plan = try await engine.planDestroy(graph, selection: deployment.selection)
                    print(plan.render())
                    for line in kept { print(line) }
                    guard try confirm(stack: deployment.stack.name) else { return nil }
                } else {
                    for line in kept { ProgressPrinter.line(line) }
                }
                return await engine.destroy(graph, selection: deployment.selection)
            }
            guard let report else {
                ProgressPrinter.line("down: cancelled, nothing deleted")
                throw ExitCode.failure
            }
            ProgressPrinter.line("down: \(report.outcomes.count) resources, \(report.failures.count) failed, "
                + "\(report.leftovers.count) left")
            for failure in report.failures { ProgressPrinter.line("  \(failure)") }
            for leftover in report.leftovers { ProgressPrinter.line("  left: \(leftover)") }
            guard report.succeeded else { throw ExitCode.failure }
        }
    }

    /// Asks on the terminal; a closed stdin counts as "no".
    private func confirm(stack: String) throws -> Bool {
        FileHandle.standardError.write(Data("Delete these resources of stack '\(stack)'? Type the stack name to confirm: ".utf8))
        guard let answer = readLine() else { return false }
        return answer.trimmingCharacters(in: .whitespaces) == stack
    }
}
