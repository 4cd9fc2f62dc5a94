import ArgumentParser
import Foundation

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

    /// ArgumentParser's entry point, except that bad input — an unknown flag, a missing or
    /// refused value — is the project's one line (`tpsctl: error: --stage: …`, exit 1) instead of
    /// a message, the usage and exit 64. `--help`, `--version` and `ExitCode` keep their handling.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard !(error is ExitCode), !exitCode(for: error).isSuccess else { exit(withError: error) }
            FileHandle.standardError.write(Data("tpsctl: error: \(ParseErrorLine(message(for: error)))\n".utf8))
            Foundation.exit(ExitCode.failure.rawValue)
        }
    }
}
