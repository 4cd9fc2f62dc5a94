import ArgumentParser
import Capacity
import Foundation
import Stack

/// `tpsctl capacity`: what a rate of the seed's mix needs in each region of the stack — tasks
/// per service, Fargate vCPU against the account's quota, Aurora ACU and connections, the Redis
/// node type, the SQS mode and DynamoDB writes — from measured or default per-task throughput.
/// Reads only (Service Quotas); nothing is created or changed.
struct CapacityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity", abstract: "Plan tasks, vCPU, ACU, node types and modes for a request rate.")

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "Requests per second of the seed's mix (default: the stack's capacity.targetRPS, else 100000).")
    var rps: Int?

    @Option(help: "A `tpsctl load --json` result recorded against one task of each service (default: README's per-vCPU figures).")
    var measured: String?

    @Flag(help: "Do not read the Fargate vCPU quota (no AWS call at all).")
    var noQuota = false

    @Option(help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() async throws {
        try await reportingDiagnostics {
            if let rps, !CapacityConfig.targetRange.contains(rps) {
                throw ValidationError("--rps: must be between 1 and \(CapacityConfig.targetRange.upperBound), got \(rps)")
            }
            let prepared = try deployment.prepare(deployment.request(stateDirectory: "infra/out"))
            let stack = prepared.deployment.stack
            let throughput = try measured.map { try MeasuredThroughput.read(path: $0) } ?? .defaults(for: stack)
            let quotas: (values: [AWSRegion: Double], problems: [String]) =
                noQuota ? ([:], []) : await FargateQuotas.read(prepared.targets)
            let rate = rps ?? stack.capacity.targetRPS ?? 100_000
            let plan = CapacityPlanner().plan(stack, requestsPerSecond: rate, throughput: throughput, quotas: quotas.values)
                .selecting(Set(prepared.targets.map(\.name)), adding: quotas.problems)
            switch output {
            case .json: print(String(decoding: try plan.json(), as: UTF8.self))
            case .text: print(plan.table())
            }
        }
    }
}
