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
            let document = DeployerPolicy(stack: stack, account: account).document
            print(document.prettyPrinted())
            // IAM counts a role's inline policies without whitespace; past the limit github-oidc-role's
            // PutRolePolicy is refused, so say so here rather than at deploy-role creation.
            let size = document.encodedString().filter { !$0.isWhitespace }.count
            if size > DeployerPolicy.inlineLimit {
                FileHandle.standardError.write(Data(("iam-policy: warning: \(size) characters, over IAM's "
                    + "\(DeployerPolicy.inlineLimit) for a role's inline policies (a shorter stack name, or split it "
                    + "into managed policies)\n").utf8))
            }
        }
    }
}
