import ArgumentParser

/// `tpsctl dlq`: the operator's playbook for the commit queue's dead letters — commits the
/// worker could not decide within the queue's maxReceiveCount.
struct DLQCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List the commit queue's dead letters, or move them back to be decided again.",
        subcommands: [DLQListCommand.self, DLQRedriveCommand.self])
}
