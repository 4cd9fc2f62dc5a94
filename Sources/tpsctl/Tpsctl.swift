import ArgumentParser

@main
struct Tpsctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tpsctl",
        abstract: "Provision, ship and tear down the max-TPS ticketing system on AWS.",
        version: TpsctlVersion.current,
        // Each subcommand is one type in Commands/; add new ones here.
        subcommands: [
            WhoamiCommand.self, PlanCommand.self, UpCommand.self, DownCommand.self, DiffCommand.self,
            OutputsCommand.self, CapacityCommand.self, VerifyCommand.self, RotateCommand.self,
            DBInitCommand.self,
            BuildCommand.self, PushCommand.self, VerifyImageCommand.self,
            RenderCommand.self,
            E2ECommand.self, LoadCommand.self,
            DLQCommand.self,
            IAMPolicyCommand.self, GitHubOIDCRoleCommand.self,
            LocalDataPlaneCommand.self,
        ]
    )
}
