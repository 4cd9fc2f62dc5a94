import AWSClient
import Stack

/// The IAM side of the CI/CD workflow: GitHub's OIDC provider in the account and a deploy role
/// that only the given repository's jobs can assume (those on the given branches, or in the
/// given environments), holding the stack's `DeployerPolicy` inline. Created or brought back
/// to this shape on every run (idempotent).
public struct GitHubDeployRole: Sendable {
    public static let issuer = "token.actions.githubusercontent.com"
    public static let audience = "sts.amazonaws.com"
    public static let policyName = "tpsctl-deploy"

    public let roleName: String
    public let repository: String
    public let branches: [String]
    public let environments: [String]
    public let account: String
    public var partition = "aws"

    /// `repository` is `owner/name`; at least one branch or environment.
    public init(roleName: String, repository: String, branches: [String], environments: [String], account: String) {
        self.roleName = roleName
        self.repository = repository
        self.branches = branches
        self.environments = environments
        self.account = account
    }

    /// What is wrong with the inputs, if anything (checked before any AWS call).
    public static func validate(repository: String, branches: [String], environments: [String]) -> String? {
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        if parts.count != 2 || parts.contains(where: { $0.isEmpty || !$0.allSatisfy(allowed.contains) }) {
            return "--repository '\(repository)': expected owner/name (letters, digits, '-', '_', '.')"
        }
        if branches.isEmpty && environments.isEmpty {
            return "give --branch or --environment (or both): a role any branch of the repository can assume is refused"
        }
        for value in branches + environments where value.isEmpty || value.contains("*") || value.contains("?") || value.contains(":") {
            return "--branch/--environment '\(value)': a plain name, no wildcard or ':'"
        }
        return nil
    }

    public var providerArn: String { "arn:\(partition):iam::\(account):oidc-provider/\(Self.issuer)" }
    public var roleArn: String { "arn:\(partition):iam::\(account):role/\(roleName)" }

    /// The `sub` claims GitHub puts in a job's token for these branches and environments.
    public var subjects: [String] {
        branches.map { "repo:\(repository):ref:refs/heads/\($0)" } + environments.map { "repo:\(repository):environment:\($0)" }
    }

    /// Web identity from GitHub's provider, audience STS, subject exactly one of `subjects`.
    public var trustPolicy: JSONValue {
        ["Version": "2012-10-17", "Statement": [[
            "Effect": "Allow", "Principal": ["Federated": .string(providerArn)],
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": ["StringEquals": [
                "\(Self.issuer):aud": .string(Self.audience),
                "\(Self.issuer):sub": .array(subjects.map { .string($0) }),
            ]],
        ]]]
    }

    /// Creates the provider (kept if there), the role (its trust policy rewritten if there) and
    /// puts the deploy policy. Returns the role's ARN.
    public func apply(iam client: AWSClient, policy: JSONValue, tags: [String: String]) async throws -> String {
        let iam = IAM(client: client)
        do {
            try await iam.createOpenIDConnectProvider(url: "https://\(Self.issuer)", clientIds: [Self.audience], tags: tags)
        } catch let error as AWSError where error.code == "EntityAlreadyExists" {}
        let trust = trustPolicy.encodedString()
        do {
            _ = try await iam.createRole(name: roleName, assumeRolePolicy: trust, tags: tags)
        } catch let error as AWSError where error.code == "EntityAlreadyExists" {
            try await iam.updateAssumeRolePolicy(roleName: roleName, policyDocument: trust)
        }
        try await iam.putRolePolicy(roleName: roleName, policyName: Self.policyName, policyDocument: policy.encodedString())
        return roleArn
    }
}
