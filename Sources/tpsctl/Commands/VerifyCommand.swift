import ArgumentParser
import Foundation
import Stages

/// `tpsctl verify`: read-only checks of what would make a rollout fail (ecspresso's `verify`),
/// one line per finding, exit 1 if any. `up` runs the same checks first unless `--no-verify`.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check images, secrets, role trust, target group ports and account quotas before a rollout.",
        discussion: """
            Read-only. Per region: each image digest a task definition pins (or --image gives) is in \
            every region's repository; each secret a task definition injects exists and the execution \
            role may read it (IAM SimulatePrincipalPolicy); the task roles trust ecs-tasks.amazonaws.com \
            and no one else; target groups send to the container port and check the stack's healthPath; \
            the Fargate vCPU, ALB, Elastic IP, VPC and NAT gateway quotas cover the stack at maxCount. \
            Prints one line per finding, `<region>: <check>: <message>`; exits 1 if there is any.
            """)

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "Where state and built images are.")
    var stateDir = "infra/out"

    @Option(name: .customLong("image"),
            help: "<service>=<repository>@sha256:<digest>: also check this image is in every region (repeatable).",
            transform: ImageOverride.init(flagValue:))
    var images: [ImageOverride] = []

    func run() async throws {
        try await reportingDiagnostics {
            let findings = try await Self.findings(try deployment.prepare(deployment.request(stateDirectory: stateDir, images: images)))
            for finding in findings { print(finding) }
            print("verify: \(findings.count) finding\(findings.count == 1 ? "" : "s")")
            if !findings.isEmpty { throw ExitCode.failure }
        }
    }

    static func findings(_ prepared: PreparedDeployment) async throws -> [VerifyFinding] {
        let deployment = prepared.deployment
        return try await StackVerifier(stack: deployment.stack, targets: prepared.targets,
                                       shipping: deployment.shipping, images: deployment.images).findings()
    }
}
