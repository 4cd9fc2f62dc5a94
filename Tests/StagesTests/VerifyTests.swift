import AWSClient
import Foundation
import Stack
@testable import Stages
import Testing
import TpsctlTestSupport
@testable import StagesTestSupport

extension ServiceStages {
    /// `tpsctl verify` against a stack deployed to the local AWS (stages 00-05): nothing found on
    /// the stack as `up` left it, then one finding per check after breaking what it checks.
    @Suite("tpsctl verify against the local AWS")
    struct VerifyTests {
        static let home = "ap-northeast-1"

        func verifier(_ test: TestStack, stack: Stack? = nil, images: ImageSource? = nil) throws -> StackVerifier {
            let deployment = try test.deployment()
            return StackVerifier(stack: stack ?? deployment.stack, targets: try test.targets(deployment),
                                 shipping: deployment.shipping, images: images)
        }

        func findings(_ test: TestStack, _ check: VerifyFinding.Check, stack: Stack? = nil,
                      images: ImageSource? = nil) async throws -> [String] {
            try await verifier(test, stack: stack, images: images).findings().filter { $0.check == check }.map(\.description)
        }

        @Test("a deployed stack verifies clean; a missing digest, secret or secret grant, a wrong trust, port or health path, and a quota too small are each one finding")
        func eachCheckFinds() async throws {
            let cli = try CLIStack("verify")
            let test = cli.test
            defer { test.removeFiles() }
            let report = try await test.up(to: "05")
            #expect(report.succeeded, "up failed: \(report.failures)")
            let clean = try await verifier(test).findings()
            #expect(clean.isEmpty, "\(clean)")

            let client = try test.client(Self.home)
            let short = "apne1"

            // image: a digest no region's repository holds.
            let missing = "sha256:" + String(repeating: "0", count: 64)
            let images = try await findings(test, .image, images: .fixed([.publicAPI: "example/public-api@\(missing)"]))
            #expect(images.count == 2 && images.allSatisfy { $0.contains(missing) && $0.contains("--image") }, "\(images)")

            // secret: the execution role's grant narrowed to nothing, then a referenced secret deleted.
            let executionRole = "\(test.name)-\(short)-task-execution"
            _ = try await client.query(.iam, "PutRolePolicy", [
                "RoleName": executionRole, "PolicyName": "read-task-secrets",
                "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:*:secret:nothing-*"}]}"#,
            ])
            let denied = try await findings(test, .secret)
            #expect(!denied.isEmpty && denied.allSatisfy { $0.hasPrefix("\(Self.home): secret:") && $0.contains("may not read") },
                    "\(denied)")
            let secrets = try await SecretsManager(client: client).listSecrets(namePrefix: "\(test.name)-\(short)-")
            let deleted = try #require(secrets.first { $0.name.contains("room-token") }, "\(secrets.map(\.name))")
            try await SecretsManager(client: client).deleteSecret(id: deleted.arn)
            let gone = try await findings(test, .secret)
            #expect(gone.contains { $0.contains(deleted.arn) && $0.contains("does not exist") }, "\(gone)")

            // trust: a task role that EC2 may assume instead of ECS tasks.
            let taskRole = "\(test.name)-\(short)-task-confirm-api"
            _ = try await client.query(.iam, "UpdateAssumeRolePolicy", [
                "RoleName": taskRole,
                "PolicyDocument": #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
            ])
            let trust = try await findings(test, .trust)
            #expect(trust.count == 2 && trust.allSatisfy { $0.contains(taskRole) }, "\(trust)")
            #expect(trust.contains { $0.contains("does not let ecs-tasks.amazonaws.com") })
            #expect(trust.contains { $0.contains("also lets ec2.amazonaws.com") })

            // port: a new revision listening on 9090 while the target group sends to 8080.
            let ecs = ECS(client: client)
            let family = "\(test.name)-\(short)-confirm-api"
            let current = try await ecs.describeTaskDefinition(try #require(try await ecs.activeRevisions(family: family).first))
            _ = try await ecs.registerTaskDefinition(Self.listening(on: 9090, current.document), tags: current.tags)
            let ports = try await findings(test, .port)
            #expect(ports.count == 1 && ports[0].contains("listens on 9090") && ports[0].contains(family + ":2"), "\(ports)")

            // health: the target group checks another path than the stack's healthPath.
            let elb = ElasticLoadBalancingV2(client: client)
            let group = try #require(try await elb.targetGroup(named: "\(test.name)-\(short)-public-api"))
            var check = group.healthCheck
            check.path = "/elsewhere"
            try await elb.modifyHealthCheck(group.arn, check)
            let health = try await findings(test, .health)
            #expect(health.count == 1 && health[0].contains("/elsewhere") && health[0].contains("/public/health"), "\(health)")

            // quota: six NAT gateways, one per AZ, need six Elastic IPs; AWS's default quota is 5.
            var wide = try test.deployment().stack
            wide.regions[0].azCount = 6
            wide.regions[0].nat = .perAZ
            let quota = try await findings(test, .quota, stack: wide)
            #expect(quota == ["\(Self.home): quota: Elastic IPs (one per NAT gateway) (ec2 L-0263D0A3): the stack needs 6, the quota is 5"],
                    "\(quota)")

            // The command: one line per finding, then the count, exit 1; `up` refuses before any change.
            let command = try await TpsctlChild.run(
                ["verify", "--stack", test.stackFile.path, "--state-dir", test.stateDirectory.path], environment: cli.environment)
            #expect(command.status == 1, "\(command.stdout)\(command.stderr)")
            let lines = command.stdout.split(separator: "\n").map(String.init)
            #expect(lines.last == "verify: \(lines.count - 1) findings", "\(lines)")
            #expect(lines.contains { $0.hasPrefix("\(Self.home): trust: role \(taskRole)") })
            let before = try await test.mutations().count
            let up = try await TpsctlChild.run(
                ["up", "--stack", test.stackFile.path, "--state-dir", test.stateDirectory.path, "--to", "00"], environment: cli.environment)
            #expect(up.status == 1 && up.stderr.contains("--no-verify"), "\(up.stdout)\(up.stderr)")
            #expect(try await test.mutations().count == before, "up with findings changes nothing")

            let down = try await test.down()
            #expect(down.succeeded, "\(down.failures)")
        }

        /// A registrable copy of a described revision whose first container listens on `port`.
        static func listening(on port: Int, _ described: JSONValue) -> JSONValue {
            var document = described.object ?? [:]
            for key in ["taskDefinitionArn", "revision", "status", "requiresAttributes", "compatibilities",
                        "registeredAt", "registeredBy", "deregisteredAt"] {
                document.removeValue(forKey: key)
            }
            var containers = document["containerDefinitions"]?.array ?? []
            var first = containers.first?.object ?? [:]
            first["portMappings"] = [["containerPort": .number(Double(port)), "protocol": "tcp"]]
            containers[0] = .object(first)
            document["containerDefinitions"] = .array(containers)
            return .object(document)
        }
    }
}
