import ArgumentParser
import AsyncHTTPClient
import E2EScenario
import Foundation

/// `tpsctl e2e`: the seed's purchase scenario against a deployment, one line per step, the
/// whole run in result.json, and a non-zero exit naming the failing step and what it got.
struct E2ECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "Run the purchase scenario (enter → … → sold) against public-api and confirm-api.",
        discussion: "Buys one available seat of --event/--section per run; re-seed with `tpsctl db-init` when sold out.")

    @OptionGroup var scenario: ScenarioTargetOptions<E2ECommand>

    @Option(help: "Where to write the run's result (per-step latency, pass/fail).")
    var output: String = "result.json"

    @Option(help: "Seconds to wait for admission beyond the announced eta.")
    var readyTimeout: Int = 60

    @Option(help: "Seconds to wait for the worker to confirm the order.")
    var confirmTimeout: Int = 60

    @Flag(help: "The declined-payment variant: the provider declines, the order is rejected and the seat freed.")
    var declinePayment = false

    func run() async throws {
        try await reportingErrors {
            var settings = try await scenario.settings()
            settings.readyTimeout = .seconds(try Self.seconds(readyTimeout, flag: "--ready-timeout"))
            settings.confirmTimeout = .seconds(try Self.seconds(confirmTimeout, flag: "--confirm-timeout"))
            settings.declinePayment = declinePayment
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let report = await E2EScenario(settings: settings, http: http).run { record in
                print(Self.line(record))
            }
            try await http.shutdown()
            let data = try report.encoded()
            do {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw ValidationError("--output \(output): cannot write (\(error.localizedDescription))")
            }
            print(report.summaryLine)
            print("result: \(output)")
            if !report.passed { throw ExitCode.failure }
        }
    }

    /// `PASS hold            3.1 ms  seat S01-00007 held as …`
    static func line(_ record: StepRecord) -> String {
        let name = record.step.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
        let latency = String(format: "%8.1f ms", record.latencyMs)
        return "\(record.passed ? "PASS" : "FAIL") \(name)\(latency)  \(record.detail)"
    }

    static func seconds(_ value: Int, flag: String) throws -> Int {
        guard (1...3600).contains(value) else { throw ValidationError("\(flag) \(value): must be in 1...3600") }
        return value
    }
}

extension E2ECommand: ScenarioTargetHelp {
    static let publicURL: ArgumentHelp = "Base URL of public-api (local process, ALB or CloudFront domain)."
    static let event: ArgumentHelp = "Event to buy in."
    static let section: ArgumentHelp = "Section to buy in."
}
