import AWSClient
import ArgumentParser
import Foundation
import Stages

/// `tpsctl github-oidc-role`: GitHub's OIDC provider and the role `.github/workflows/cicd.yml`
/// assumes, trusted only by the repository's jobs on the given branches or environments, with
/// `tpsctl iam-policy`'s policy inline. Idempotent: a rerun brings both back to this shape.
struct GitHubOIDCRoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "github-oidc-role",
        abstract: "Create GitHub's OIDC provider and the stack's deploy role for the CI/CD workflow.")

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "The GitHub repository whose workflow deploys: owner/name.")
    var repository: String

    @Option(help: "A branch whose jobs may assume the role (repeatable), e.g. main.")
    var branch: [String] = []

    @Option(help: "A GitHub environment whose jobs may assume the role (repeatable), e.g. production.")
    var environment: [String] = []

    @Option(help: "The role's name (default: <stack>-github-deploy).")
    var roleName: String?

    @Option(help: "The 12-digit AWS account id (default: the credentials' account).")
    var account: String?

    func run() async throws {
        try await reportingDiagnostics {
            if let problem = GitHubDeployRole.validate(repository: repository, branches: branch, environments: environment) {
                throw ValidationError(problem)
            }
            let (stack, account) = try await AccountOfStack.resolve(deployment, account: account)
            let role = GitHubDeployRole(roleName: roleName ?? "\(stack.name)-github-deploy", repository: repository,
                                        branches: branch, environments: environment, account: account)
            let client = try deployment.prepare(deployment.request(stateDirectory: "infra/out")).leaseClient
            let arn = try await role.apply(iam: client, policy: DeployerPolicy(stack: stack, account: account).document,
                                           tags: stack.tags.merging(["tps:stack": stack.name]) { _, own in own })
            print("role \(arn)")
            print("  trusted by \(role.subjects.joined(separator: ", ")) through \(role.providerArn)")
            print("  set the repository variable AWS_DEPLOY_ROLE_ARN=\(arn)")
        }
    }
}
