import ArgumentParser

@main
struct Tpsctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tpsctl",
        abstract: "Provision, ship and tear down the max-TPS ticketing system on AWS.",
        version: TpsctlVersion.current,
        subcommands: [DBInitCommand.self]
    )
}

enum TpsctlVersion {
    static let current = "0.1.0"
}
