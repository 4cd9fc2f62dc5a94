import ArgumentParser
import AsyncHTTPClient
import E2EScenario
import Foundation

/// `tpsctl load`: the seed's load-test bot — the 70/20/10 mix stepped up through target rates,
/// with per-step throughput, p50/p95/p99, 2xx ratio and drops, written as a Markdown report.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Step the seed's request mix up through target rates and report TPS and latency.",
        discussion: """
            Buys real seats on the worker path (10%); when the event's free seats run out, purchases \
            are skipped and counted. One client process: run several for rates it cannot reach \
            ('dropped' in the report).
            """)

    @OptionGroup var scenario: ScenarioTargetOptions<LoadCommand>

    @Option(help: "Comma-separated target request rates per second, one step each.")
    var rates: String = "100,500,1000"

    @Option(help: "Seconds per step (the seed holds each step 300 s).")
    var stepSeconds: Int = 30

    @Option(help: "Most requests outstanding at once; more are dropped and counted.")
    var maxInFlight: Int = 512

    @Option(help: "Markdown report path.")
    var report: String = "load-report.md"

    @Option(help: "JSON report path (optional).")
    var json: String?

    func run() async throws {
        try await reportingErrors {
            let stepRates = try rates.split(separator: ",").map { text -> Int in
                guard let rate = Int(text.trimmingCharacters(in: .whitespaces)), (1...1_000_000).contains(rate) else {
                    throw ValidationError("--rates \(rates): each rate must be an integer in 1...1000000")
                }
                return rate
            }
            guard !stepRates.isEmpty else { throw ValidationError("--rates: name at least one rate") }
            guard (1...86_400).contains(stepSeconds) else {
                throw ValidationError("--step-seconds \(stepSeconds): must be in 1...86400")
            }
            guard (1...100_000).contains(maxInFlight) else {
                throw ValidationError("--max-in-flight \(maxInFlight): must be in 1...100000")
            }
            var settings = try scenario.settings()
            settings.userId = "load-" + String(UUID().uuidString.prefix(8)).lowercased()
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: maxInFlight)
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let result: LoadReport
            do {
                result = try await LoadRunner(settings: settings,
                                              plan: LoadPlan(rates: stepRates, stepSeconds: stepSeconds,
                                                             maxInFlight: maxInFlight),
                                              http: http).run { step in
                    print(String(format: "step %d req/s: achieved %.1f, 2xx/304 %.1f%%, p95 %.2f ms, p99 %.2f ms, dropped %d",
                                 step.targetRate, step.achievedRate, step.okRatio * 100, step.p95Ms, step.p99Ms,
                                 step.dropped))
                }
            } catch {
                try await http.shutdown()
                throw ValidationError("load: preparing the fixture failed at \(error)")
            }
            try await http.shutdown()
            try Data(result.markdown().utf8).write(to: URL(fileURLWithPath: report), options: .atomic)
            if let json { try result.encoded().write(to: URL(fileURLWithPath: json), options: .atomic) }
            print("report: \(report)")
        }
    }
}

extension LoadCommand: ScenarioTargetHelp {
    static let publicURL: ArgumentHelp = "Base URL of public-api."
    static let event: ArgumentHelp = "Event to load."
    static let section: ArgumentHelp = "Section for the summary reads."
}
