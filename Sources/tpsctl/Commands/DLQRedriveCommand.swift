import ArgumentParser
import Foundation

/// `tpsctl dlq redrive`: one region's commit DLQ back onto its commit queue, for the worker to
/// decide again (after the cause — a stuck lock, a bad deploy — is fixed).
struct DLQRedriveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redrive",
        abstract: "Move the commit DLQ's messages back to the commit queue so the worker decides them again.",
        discussion: """
            Each message is sent to the commit queue (same MessageGroupId, a deduplication id derived from its \
            DLQ message id) before it is deleted from the DLQ: a run killed mid-way loses nothing, and a re-run \
            does not enqueue a commit twice.
            """)

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "Where `tpsctl up` recorded the deployment's state.")
    var stateDir = "infra/out"

    @Option(help: "Move at most this many messages (1...100000; default: all).")
    var max: String?

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    func run() async throws {
        try await reportingErrors {
            let limit = try max.map(MessageLimit.parse) ?? MessageLimit.range.upperBound
            let queues = try await CommitQueues.recorded(deployment, stateDirectory: stateDir)
            let depth = try await queues.deadLetterDepth()
            guard depth > 0 else {
                print("\(queues.region): the commit DLQ is empty; 0 moved")
                return
            }
            if !yes {
                guard confirm("Move up to \(Swift.min(depth, limit)) of ~\(depth) dead letters in \(queues.region) back to the commit queue?")
                else {
                    FileHandle.standardError.write(Data("dlq redrive: cancelled, nothing moved\n".utf8))
                    throw ExitCode.failure
                }
            }
            let moved = try await DeadLetterRedrive(queues: queues).run(limit: limit)
            print("\(queues.region): \(moved) moved to the commit queue")
        }
    }

    /// Asks on the terminal; a closed stdin counts as "no".
    private func confirm(_ question: String) -> Bool {
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return answer == "y" || answer == "yes"
    }
}
