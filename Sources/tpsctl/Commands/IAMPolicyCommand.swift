import AWSClient
import ArgumentParser
import Foundation
import Stages

/// `tpsctl iam-policy`: the least-privilege policy that `up`, `down`, `e2e` and `load` need for
/// one stack, printed as JSON (for a CI deploy role, or a person's).
struct IAMPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iam-policy",
        abstract: "Print the least-privilege IAM policy that up/down/e2e/load need for the stack.",
        discussion: """
            Actions are scoped to the stack's names in its regions, or to resources tagged \
            tps:stack=<name> where AWS names them by id; "Resource": "*" only where AWS does not scope \
            the action. Without --account, STS GetCallerIdentity gives the account.
            """)

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "The 12-digit AWS account id (default: the credentials' account).")
    var account: String?

    func run() async throws {
        try await reportingDiagnostics {
            let (stack, account) = try await AccountOfStack.resolve(deployment, account: account)
            print(DeployerPolicy(stack: stack, account: account).document.prettyPrinted())
        }
    }
}
