import AWSClient
import Foundation
import Provisioning
import Stack
import Stages
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

/// `tpsctl iam-policy` and `tpsctl github-oidc-role` against the local AWS, which enforces IAM
/// for the sessions its STS issues (ECR, DynamoDB, SQS, Secrets Manager and Logs per resource
/// ARN; other services only through `"Resource": "*"` statements, see scripts/local-aws/README.md).
@Suite("The deployer's IAM: iam-policy and github-oidc-role", .serialized)
struct DeployerIAMTests {
    static let account = "123456789012"

    /// Statements that may say `"Resource": "*"`: AWS scopes none of their actions.
    static let unscopable: Set<String> = ["UnscopableReadsAndRegistrations", "ServiceLinkedRoles", "GlobalListings"]

    @Test("iam-policy prints a policy whose every ARN is the stack's (or tag-conditioned), with * only for unscopable actions, small enough for an inline role policy")
    func policyIsScoped() async throws {
        let stack = try CLIStack("iampol")
        defer { stack.test.removeFiles() }
        let printed = try await TpsctlChild.run(
            ["iam-policy", "--stack", stack.test.stackFile.path, "--account", Self.account], environment: stack.environment)
        try #require(printed.status == 0, "\(printed.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
        let statements = try #require(document["Statement"] as? [[String: Any]])
        #expect(statements.count > 10)
        for statement in statements {
            let sid = statement["Sid"] as? String ?? "?"
            #expect(statement["Effect"] as? String == "Allow", "\(sid)")
            if let star = statement["Resource"] as? String {
                #expect(star == "*" && Self.unscopable.contains(sid), "\(sid): a bare * only where AWS cannot scope")
                continue
            }
            let resources = try #require(statement["Resource"] as? [String], "\(sid)")
            let conditioned = (statement["Condition"] as? [String: Any]).map { "\($0)".contains("tps:stack") || "\($0)".contains("ec2:CreateAction") } ?? false
            for arn in resources {
                let resource = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).last ?? ""
                #expect(arn.hasPrefix("arn:aws:") && (conditioned || resource != "*"), "\(sid): \(arn)")
                #expect(arn.contains(Self.account), "\(sid): \(arn) names the account")
                let named = arn.contains(stack.test.name) || arn.contains(DeployLease.defaultTable) || arn.contains(":default")
                #expect(named || conditioned, "\(sid): \(arn) names the stack or is limited by its tag")
            }
        }
        let compact = printed.stdout.filter { !$0.isWhitespace }
        #expect(compact.count < 10_240, "fits IAM's inline role policy limit: \(compact.count) characters")

        let noAccount = try await TpsctlChild.run(
            ["iam-policy", "--stack", stack.test.stackFile.path, "--account", "12345"], environment: stack.environment)
        #expect(noAccount.status != 0 && noAccount.stderr.contains("--account '12345'"), "\(noAccount.stderr)")
    }

    @Test("the production stack's policy (domain, WAF, production) adds its certificates by tag, its web ACL by name, its final snapshots and verify's SimulatePrincipalPolicy, and still fits an inline role policy")
    func productionStackPolicy() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let stack = try StackLoader.load(path: repository.appendingPathComponent("stacks/max-tps.yaml").path)
        try #require(stack.domain != nil && stack.waf.enabled && stack.production, "max-tps.yaml has a domain, a WAF and production")
        let policy = DeployerPolicy(stack: stack, account: Self.account)
        let statements = Dictionary(uniqueKeysWithValues: policy.statements.map { ($0.sid, $0) })
        let created = try #require(statements["CreateTagged"])
        #expect(created.actions.contains("acm:RequestCertificate")
                && created.resources.contains("arn:aws:acm:*:\(Self.account):certificate/*")
                && created.condition?.encodedString().contains("aws:RequestTag/tps:stack") == true)
        let tagged = try #require(statements["ChangeTagged"])
        #expect(tagged.actions.contains("acm:DeleteCertificate")
                && tagged.condition?.encodedString().contains("aws:ResourceTag/tps:stack") == true)
        let acl = try #require(statements["WebACL"])
        #expect(acl.resources.contains("arn:aws:wafv2:us-east-1:\(Self.account):global/webacl/\(stack.name)-edge/*"))
        let snapshots = try #require(statements["FinalSnapshots"])
        #expect(snapshots.actions.contains("rds:CreateDBClusterSnapshot")
                && snapshots.resources.allSatisfy { $0.contains(":\(stack.name)-") })
        #expect(statements["Roles"]?.actions.contains("iam:SimulatePrincipalPolicy") == true)
        #expect(statements["ZoneRecords"] == nil, "no hosted zone given, no Route 53 permission")
        let logBuckets = try #require(statements["LogBuckets"], "max-tps.yaml has alb.accessLogs")
        #expect(logBuckets.resources == ["arn:aws:s3:::\(stack.name)-\(Self.account)-*-alb-logs"])
        #expect(logBuckets.actions == ["s3:*Bucket*", "s3:*Configuration"],
                "a production stack keeps its logs: no object deletes: \(logBuckets.actions)")
        let compact = policy.document.encodedString().filter { !$0.isWhitespace }
        #expect(compact.count < 10_240, "fits IAM's inline role policy limit: \(compact.count) characters")

        // A stack without those parts gets none of their permissions.
        let local = try StackLoader.load(path: repository.appendingPathComponent("stacks/local.yaml").path)
        let plain = DeployerPolicy(stack: local, account: Self.account).statements
        #expect(!plain.contains { ["WebACL", "FinalSnapshots", "ZoneRecords"].contains($0.sid) })
        #expect(!plain.flatMap(\.actions).contains { $0.hasPrefix("acm:") || $0.hasPrefix("wafv2:") })
        let localBuckets = try #require(plain.first { $0.sid == "LogBuckets" })
        #expect(localBuckets.actions.contains("s3:DeleteObject") && localBuckets.resources.contains { $0.hasSuffix("-alb-logs/*") })
        #expect(localBuckets.resources.allSatisfy { $0.hasPrefix("arn:aws:s3:::\(local.name)-\(Self.account)-*-alb-logs") })
        var withoutLogs = local
        withoutLogs.loadBalancer.accessLogs.enabled = false
        #expect(!DeployerPolicy(stack: withoutLogs, account: Self.account).statements.flatMap(\.actions).contains { $0.hasPrefix("s3:") })
    }

    @Test("github-oidc-role: trust limited to the repository's branch and environment; its web identity session runs up/down of stage 01 with the policy, and is denied another stack's repositories")
    func deployRoleWorksWithItsPolicyOnly() async throws {
        let stack = try CLIStack("oidc")
        let other = try CLIStack("oidcx")
        defer { stack.test.removeFiles(); other.test.removeFiles() }
        let roleName = "\(stack.test.name)-github-deploy"
        let created = try await TpsctlChild.run(
            ["github-oidc-role", "--stack", stack.test.stackFile.path, "--repository", "acme/tickets", "--branch", "main",
             "--environment", "production"], environment: stack.environment)
        try #require(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("AWS_DEPLOY_ROLE_ARN=arn:aws:iam::\(Self.account):role/\(roleName)"), "\(created.stdout)")
        let again = try await TpsctlChild.run(
            ["github-oidc-role", "--stack", stack.test.stackFile.path, "--repository", "acme/tickets", "--branch", "main",
             "--environment", "production"], environment: stack.environment)
        #expect(again.status == 0, "a rerun converges: \(again.stderr)")

        let iam = try stack.test.client("ap-northeast-1")
        let role = try await iam.query(.iam, "GetRole", ["RoleName": roleName])
        let trustText = (role.string("Role", "AssumeRolePolicyDocument") ?? "").removingPercentEncoding ?? ""
        #expect(trustText.contains("repo:acme/tickets:ref:refs/heads/main"), "\(trustText)")
        #expect(trustText.contains("repo:acme/tickets:environment:production"))
        #expect(trustText.contains("token.actions.githubusercontent.com:aud") && trustText.contains("sts.amazonaws.com"))
        #expect(!trustText.contains("*"), "no wildcard subject: \(trustText)")
        let provider = try await iam.query(.iam, "GetOpenIDConnectProvider", [
            "OpenIDConnectProviderArn": "arn:aws:iam::\(Self.account):oidc-provider/token.actions.githubusercontent.com"])
        #expect(provider.string("Url")?.contains("token.actions.githubusercontent.com") == true, "GitHub's provider exists")

        // The workflow's way in: a token file and the role, no keys.
        let tokenFile = stack.test.directory.appendingPathComponent("web-identity-token")
        try Data("header.payload.signature".utf8).write(to: tokenFile)
        func webIdentity(_ of: CLIStack) -> [String: String] {
            var environment = of.environment
            environment["AWS_ACCESS_KEY_ID"] = nil
            environment["AWS_SECRET_ACCESS_KEY"] = nil
            environment["AWS_ROLE_ARN"] = "arn:aws:iam::\(Self.account):role/\(roleName)"
            environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile.path
            environment["AWS_ROLE_SESSION_NAME"] = "gh-test"
            return environment
        }
        let whoami = try await TpsctlChild.run(["whoami", "--region", "ap-northeast-1", "--endpoint-url", stack.test.aws.endpoint],
                                               environment: webIdentity(stack))
        #expect(whoami.stdout.contains("assumed-role/\(roleName)/gh-test"), "\(whoami.stdout)\(whoami.stderr)")

        let stage01 = ["--stack", stack.test.stackFile.path, "--all-regions", "--stage", "01", "--state-dir", stack.test.stateDirectory.path]
        let up = try await TpsctlChild.run(["up"] + stage01, environment: webIdentity(stack))
        #expect(up.status == 0, "up --stage 01 with the deploy role: \(up.stdout)\(up.stderr)")
        let down = try await TpsctlChild.run(["down", "--yes"] + stage01, environment: webIdentity(stack))
        #expect(down.status == 0, "down --stage 01 with the deploy role: \(down.stdout)\(down.stderr)")

        let foreign = try await TpsctlChild.run(
            ["up", "--stack", other.test.stackFile.path, "--all-regions", "--stage", "01", "--state-dir", other.test.stateDirectory.path],
            environment: webIdentity(other))
        #expect(foreign.status != 0, "another stack's repositories are out of the role's reach")
        #expect(foreign.stdout.contains("AccessDenied") || foreign.stderr.contains("AccessDenied")
                || foreign.stdout.contains("not authorized") || foreign.stderr.contains("not authorized"),
                "\(foreign.stdout)\(foreign.stderr)")

        let refused = try await TpsctlChild.run(
            ["github-oidc-role", "--stack", stack.test.stackFile.path, "--repository", "acme/tickets"], environment: stack.environment)
        #expect(refused.status != 0 && refused.stderr.contains("--branch or --environment"), "\(refused.stderr)")
        _ = try await iam.query(.iam, "DeleteRolePolicy", ["RoleName": roleName, "PolicyName": GitHubDeployRole.policyName])
        _ = try await iam.query(.iam, "DeleteRole", ["RoleName": roleName])
    }
}
