import ArgumentParser
import Foundation
import Provisioning

/// `tpsctl up`: applies the selected stages in every chosen region at once, under the state lock.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up", abstract: "Create or update the stack's resources (idempotent, resumable).")

    @OptionGroup var options: ProvisionOptions

    @Flag(help: "Skip the checks of `tpsctl verify` before the first change.")
    var noVerify = false

    func run() async throws {
        try await reportingDiagnostics {
            if !noVerify {
                let findings = try await VerifyCommand.findings(try options.prepare())
                for finding in findings { ProgressPrinter.line("verify: \(finding)") }
                guard findings.isEmpty else {
                    ProgressPrinter.line("up: \(findings.count) verify finding(s), nothing changed; fix them or pass --no-verify")
                    throw ExitCode.failure
                }
            }
            let report = try await options.locked("up") { deployment, graph in
                await deployment.engine(events: ProgressPrinter.sink)
                    .apply(graph, selection: deployment.selection, environment: deployment.environment)
            }
            let mutated = report.mutated.count
            ProgressPrinter.line("up: \(report.outcomes.count) resources, \(mutated) changed, \(report.failures.count) failed")
            for failure in report.failures { ProgressPrinter.line("  \(failure)") }
            if report.interrupted { ProgressPrinter.line("up: interrupted; run it again to converge") }
            guard report.succeeded else { throw ExitCode.failure }
        }
    }
}
