import ArgumentParser
import AsyncHTTPClient
import E2EScenario
import Foundation
import Provisioning
import Stack

/// `tpsctl load run`: the 70/20/10 mix stepped up through target rates, with per-step
/// throughput, p50/p95/p99, 2xx ratio and drops, written as a Markdown report and JSON. As
/// `--shard K/N` it sends 1/N of each rate from its own seats and user, starting at
/// `--start-at` like its sibling shards; `--processes N` runs N such shards here and merges them.
struct LoadRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Step the seed's request mix up through target rates and report TPS and latency.",
        discussion: """
            Buys real seats on the worker path (10%); when the event's free seats run out, purchases \
            are skipped and counted. One process reaches a limited rate ('dropped' in the report): \
            use --processes N on one machine, or --shard K/N with one --start-at on several machines \
            and `tpsctl load merge` their --json files.
            """)

    @OptionGroup var scenario: ScenarioTargetOptions<LoadRunCommand>

    @Option(help: "Comma-separated target request rates per second (of the whole run), one step each (the seed's).")
    var rates: String = LoadPlan.seedRates.map(String.init).joined(separator: ",")

    @Option(help: "Seconds per step (the seed's 300).")
    var stepSeconds: Int = LoadPlan.seedStepSeconds

    @Option(help: "After the steps, hold the last rate this many minutes (the seed soaks 30 or more).")
    var soak: Int?

    @Option(help: "Most requests outstanding at once per process; more are dropped and counted.")
    var maxInFlight: Int = 512

    @Option(help: "Run shard K of N: 1/N of each rate, its own seats and user (e.g. 2/4).", transform: LoadShard.init(flagValue:))
    var shard: LoadShard?

    @Option(help: "When the first step starts: unix seconds or RFC 3339 (e.g. 2026-11-26T05:00:00Z); the same for every shard.",
            transform: Moment.init(flagValue:))
    var startAt: Moment?

    @Option(help: "Run this many shards as local processes, then merge their results.")
    var processes: Int?

    @Option(help: "Where --processes keeps each shard's JSON, report and output (default: <report>.shards).")
    var shardDirectory: String?

    @Option(help: "Run this many shards as load-bot tasks on ECS in --region (stage 04's task definition), then merge their results; needs --stack.")
    var ecs: Int?

    @Option(help: "With --ecs: the stack's region whose cluster runs the load-bot tasks.")
    var region: String?

    @Flag(help: "Print the result JSON to stdout as numbered base64 lines (what a load-bot task does; `--ecs` reads them from its log).")
    var resultLog = false

    @Option(help: "Markdown report path.")
    var report: String = "load-report.md"

    @Option(help: "JSON result path, what `tpsctl load merge` reads (default with --shard K/N: load-shard-K-of-N.json).")
    var json: String?

    func run() async throws {
        try await reportingErrors {
            let plan = try checkedPlan()
            let settings = try await scenario.settings()
            if let processes {
                try await fanOut(processes, plan: plan, settings: settings)
            } else if let ecs {
                try await onECS(ecs, plan: plan, settings: settings)
            } else {
                try await runShard(plan, settings: settings)
            }
        }
    }

    /// Every flag checked before any request is sent; a bad one is a one-line error naming it.
    func checkedPlan() throws -> LoadPlan {
        let stepRates = try rates.split(separator: ",", omittingEmptySubsequences: false).map { text -> Int in
            guard let rate = Int(text.trimmingCharacters(in: .whitespaces)), (1...1_000_000).contains(rate) else {
                throw ValidationError("--rates \(rates): each rate must be an integer in 1...1000000")
            }
            return rate
        }
        guard (1...86_400).contains(stepSeconds) else {
            throw ValidationError("--step-seconds \(stepSeconds): must be in 1...86400")
        }
        if let soak, !(1...1_440).contains(soak) {
            throw ValidationError("--soak \(soak): minutes must be in 1...1440")
        }
        guard (1...100_000).contains(maxInFlight) else {
            throw ValidationError("--max-in-flight \(maxInFlight): must be in 1...100000")
        }
        if let processes {
            guard (1...Self.maximumProcesses).contains(processes) else {
                throw ValidationError("--processes \(processes): must be in 1...\(Self.maximumProcesses)")
            }
            guard shard == nil else {
                throw ValidationError("--processes with --shard: a fan-out runs every shard itself; give one of them")
            }
        } else if shardDirectory != nil {
            throw ValidationError("--shard-directory: only with --processes")
        }
        if let ecs {
            guard (1...LoadECSRun.maximumTasks).contains(ecs) else {
                throw ValidationError("--ecs \(ecs): must be in 1...\(LoadECSRun.maximumTasks)")
            }
            guard processes == nil, shard == nil else {
                throw ValidationError("--ecs with --processes or --shard: the tasks are the shards; give one of them")
            }
            guard scenario.stack != nil else { throw ValidationError("--ecs: needs --stack (its recorded cluster and task definition)") }
            guard region != nil else { throw ValidationError("--ecs: needs --region (whose cluster runs the tasks)") }
        } else if region != nil {
            throw ValidationError("--region: only with --ecs")
        }
        let start = try startAt.map { try LoadStartTime.checked($0, flag: "--start-at", stepSeconds: stepSeconds) }
        return LoadPlan(rates: stepRates, stepSeconds: stepSeconds, maxInFlight: maxInFlight, shard: shard ?? .whole,
                        startAt: start, soakSeconds: soak.map { $0 * 60 })
    }

    static let maximumProcesses = 256

    func runShard(_ plan: LoadPlan, settings: ScenarioSettings) async throws {
        var settings = settings
        settings.userId = "load-" + String(UUID().uuidString.prefix(8)).lowercased()
            + (plan.shard == .whole ? "" : "-\(plan.shard.index)of\(plan.shard.count)")
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: plan.maxInFlight)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let result: LoadReport
        do {
            result = try await LoadRunner(settings: settings, plan: plan, http: http).run { step in
                print((plan.shard == .whole ? "" : "shard \(plan.shard) ") + LoadResultFiles.summary(of: step))
            }
        } catch {
            try await http.shutdown()
            throw ValidationError("load: preparing the fixture failed at \(error)")
        }
        try await http.shutdown()
        if resultLog {
            for line in try LoadResultLog.lines(result) { print(line) }
            return
        }
        let json = json ?? (plan.shard == .whole ? nil : "load-shard-\(plan.shard.index)-of-\(plan.shard.count).json")
        try LoadResultFiles.write(result, report: report, json: json)
        print("report: \(report)" + (json.map { ", result: \($0)" } ?? ""))
    }

    /// `processes` shards of this executable, started together a moment from now.
    func fanOut(_ processes: Int, plan: LoadPlan, settings: ScenarioSettings) async throws {
        let directory = shardDirectory ?? (report.hasSuffix(".md") ? String(report.dropLast(3)) : report) + ".shards"
        let start = plan.startAt ?? Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + LoadFanOut.lead).rounded(.up))
        let fanOut = LoadFanOut(processes: processes, directory: directory) { shard, files in
            shardArguments(shard, start: start, settings: settings)
                + ["--report", files.report, "--json", files.json]
                // The shards are the payment provider too: the file's path, never the secret.
                + (scenario.webhookSecretFile.map { ["--webhook-secret-file", $0] } ?? [])
        }
        print("\(processes) shard(s) starting at \(ISO8601DateFormatter().string(from: start)); their files: \(directory)")
        let merged = try LoadReportMerge.merge(try await fanOut.run())
        for step in merged.steps { print(LoadResultFiles.summary(of: step)) }
        try LoadResultFiles.write(merged, report: report, json: json)
        print("report: \(report)")
    }
}

extension LoadRunCommand {
    /// `load run` as shard `shard` of this run, starting at `start` (files and secret added by the caller).
    func shardArguments(_ shard: LoadShard, start: Date, settings: ScenarioSettings) -> [String] {
        ["load", "run", "--public", settings.publicURL.absoluteString, "--confirm", settings.confirmURL.absoluteString,
         "--event", scenario.event, "--section", scenario.section, "--rates", rates,
         "--step-seconds", String(stepSeconds), "--max-in-flight", String(maxInFlight)]
            + (soak.map { ["--soak", String($0)] } ?? [])
            + ["--shard", shard.description, "--start-at", String(Int(start.timeIntervalSince1970))]
    }

    /// `ecs` load-bot tasks in --region, started together; their results merged into the report,
    /// then the deployment's CloudWatch figures for the steps appended (`tpsctl load figures`).
    func onECS(_ ecs: Int, plan: LoadPlan, settings: ScenarioSettings) async throws {
        let stackPath = scenario.stack!, region = region!
        let options = try DeploymentOptions.parse(["--stack", stackPath, "--region", region])
        let prepared = try options.prepare(options.request(stateDirectory: scenario.stateDirectory))
        guard let target = prepared.targets.first else { throw ValidationError("--region \(region): not a region of \(stackPath)") }
        let recorded = try await LoadECSRun.recorded(in: prepared.deployment.store, region: RegionName(target.name), stackPath: stackPath)
        let start = plan.startAt ?? Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + LoadECSRun.lead).rounded(.up))
        let duration = TimeInterval(plan.rates.count * plan.stepSeconds + (plan.soakSeconds ?? 0))
        let run = LoadECSRun(client: target.client, recorded: recorded, stackName: prepared.deployment.stack.name, start: start,
                             timeout: max(0, start.timeIntervalSinceNow) + duration + 600) { shard in
            // The task definition injects the secret into the bot's environment; only its name is passed.
            shardArguments(shard, start: start, settings: settings)
                + ["--webhook-secret-env", LoadBot.webhookSecretVariable, "--result-log"]
        }
        print("\(ecs) load-bot task(s) in \(region) starting at \(ISO8601DateFormatter().string(from: start))")
        let merged = try LoadReportMerge.merge(try await run.run(shards: ecs))
        for step in merged.steps { print(LoadResultFiles.summary(of: step)) }
        let json = json ?? (report.hasSuffix(".md") ? String(report.dropLast(3)) : report) + ".json"
        try LoadResultFiles.write(merged, report: report, json: json)
        print("report: \(report), result: \(json)")
        // CloudWatch publishes a minute or more late: figures missing now can be appended later.
        do {
            var figures = try LoadFiguresCommand.parse(["--stack", stackPath, "--region", region,
                                                        "--state-dir", scenario.stateDirectory, "--result", json, "--report", report])
            try await figures.run()
        } catch {
            print("figures: not appended (\(error)); later: tpsctl load figures --stack \(stackPath) --region \(region) --result \(json) --report \(report)")
        }
    }
}

extension LoadRunCommand: ScenarioTargetHelp {
    static let publicURL: ArgumentHelp = "Base URL of public-api."
    static let event: ArgumentHelp = "Event to load."
    static let section: ArgumentHelp = "Section for the summary reads and purchases."
}
