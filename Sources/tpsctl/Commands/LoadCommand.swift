import ArgumentParser

/// `tpsctl load`: the seed's load-test bot. `run` (the default, so `tpsctl load --public …`
/// runs it) drives the mix in one process, as one shard of a distributed run, or fanned out
/// over local processes; `merge` turns shards' JSON results into one report.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Step the seed's request mix up through target rates and report TPS and latency.",
        subcommands: [LoadRunCommand.self, LoadMergeCommand.self, LoadFiguresCommand.self],
        defaultSubcommand: LoadRunCommand.self)
}
