import ArgumentParser
import Foundation
import Provisioning
import Stages

/// `tpsctl rotate origin-secret`: the header CloudFront sends the ALBs gets a new value. The
/// rules accept both values while the distribution switches, so no request is refused; the
/// secret's staging labels record the progress, so a killed run is finished by the next.
struct RotateOriginSecretCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "origin-secret",
        abstract: "Rotate the secret origin header (X-Origin-Verify) the distribution sends and the ALBs require.",
        discussion: """
            Puts a new value as AWSPENDING in the stack's origin-header secret, lets every region's \
            ALB rules accept both values, switches the distribution to the new one and waits until \
            it is Deployed, makes it AWSCURRENT, then drops the old one from the rules. Re-run after \
            an interruption: it resumes from the secret's staging labels (after a killed run, with \
            --force-unlock, or once its lease has expired). Covers every region of the stack (the \
            distribution sends one value to all of them). Holds the stack's deploy lease, so no `up` \
            or `down` changes the rules or the distribution meanwhile. The value is never printed.
            """)

    @OptionGroup var deployment: DeploymentOptions

    @Option(help: "Seconds to wait after a rule or distribution change before relying on it (ALB nodes and edges apply changes a moment after the API answers).")
    var settleSeconds = 15

    @Flag(help: "Take over the stack's lease in the account before it expires (after a killed run).")
    var forceUnlock = false

    func run() async throws {
        try await reportingDiagnostics {
            guard settleSeconds >= 0 else { throw ValidationError("--settle-seconds: must be 0 or more, got \(settleSeconds)") }
            let prepared = try deployment.prepare(deployment.request(stateDirectory: "infra/out"))
            let rotation = try OriginSecretRotation(stack: prepared.deployment.stack, targets: prepared.targets,
                                                    settle: .seconds(settleSeconds)) { print($0) }
            let lease = DeployLease(client: prepared.leaseClient, stack: prepared.deployment.stack.name,
                                    holder: LeaseHolder(command: "rotate origin-secret"), ttl: ProvisionOptions.leaseTTL())
            let forceUnlock = forceUnlock
            try await Interrupts.cancelling {
                try await lease.holding(forceUnlock: forceUnlock) { try await rotation.run() }
            }
        }
    }
}
