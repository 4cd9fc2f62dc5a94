import ArgumentParser

/// `tpsctl rotate`: replaces a stack's long-lived secret with no request failing on the way.
struct RotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Rotate a stack's secret without a failed request.",
        subcommands: [RotateOriginSecretCommand.self])
}
