import ArgumentParser
import ContainerImage
import Foundation
import Provisioning
import Stack
import Stages

/// `tpsctl verify-image`: proof that what was shipped runs. Pulls the recorded digest back
/// from the region's registry (every digest checked), unpacks it and starts it in a chroot on
/// loopback until its health endpoint answers. Needs root (unshare --root).
struct VerifyImageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-image",
        abstract: "Pull a pushed image by digest, run it in a chroot and wait for its health endpoint.",
        discussion: """
            The digest is the one stage 01 recorded (tpsctl push or up). The service gets the image's \
            environment plus --env values and the region's section of <state-dir>/.env.generated. \
            A service without a load-balancer health path (the worker) is polled on the path its \
            container health check asks (/health).
            """)

    @OptionGroup var options: ShipOptions

    @Option(help: "Health path to poll (default: the stack's healthPath, else the container health check's; /public/ping needs no dependencies).")
    var healthPath: String?

    @Option(help: "Loopback port to run the service on (default: a free one in 20000-29999).")
    var port: Int?

    @Option(help: "KEY=VALUE added to the service's environment (repeatable).")
    var env: [String] = []

    @Option(help: "Seconds to wait for the health endpoint.")
    var timeout = 60

    func run() async throws {
        try await reportingDiagnostics {
            let prepared = try options.prepare()
            let deployment = prepared.deployment
            guard let target = prepared.targets.first else { throw BuildCommandError("--region: no region chosen") }
            let environment = try Self.environment(env)
            let services = options.services
            if services.count == 1 {
                try await verify(services[0], target: target, deployment: deployment, environment: environment)
                return
            }
            var failed = false
            for service in services {
                do {
                    try await verify(service, target: target, deployment: deployment, environment: environment)
                } catch {
                    failed = true
                    ProgressPrinter.line("verify-image: \(target.name) \(service): \(error)")
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    private func verify(_ service: ServiceName, target: RegionTarget, deployment: Deployment, environment: [String: String]) async throws {
        let region = RegionName(target.name)
        let address = ImagePublisher.address(region, service)
        guard let outputs = try await deployment.store.record(for: address)?.outputs,
              let imageURI = RecordedOutput.imageURI(in: region, service).value(in: outputs),
              let digestText = RecordedOutput.imageDigest(in: region, service).value(in: outputs)
        else {
            throw BuildCommandError("no pushed image recorded at \(address); run tpsctl push --service \(service) first")
        }
        let digest = try Digest(parsing: digestText)
        let destination = try deployment.shipping.destination(recordedImageURI: imageURI, client: target.client)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tpsctl-verify-\(service)-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        // The stack's load-balancer path when it has one; otherwise (the worker) the path the
        // container health check asks.
        let path = healthPath ?? deployment.stack.services[service].healthPath ?? service.containerHealthPath
        var verifyOptions = ImageVerifier.Options(workDirectory: work)
        verifyOptions.healthPath = path
        verifyOptions.port = port ?? Int.random(in: 20_000...29_999)
        verifyOptions.timeout = .seconds(timeout)
        verifyOptions.environment = try generatedEnvironment(deployment, region: target.name).merging(environment) { $1 }
        let report = try await ImageVerifier(registry: destination.registry).verify(
            repository: destination.repository, digest: digest, credentials: destination.credentials, options: verifyOptions)
        print("\(target.name) \(service) \(report.digest): \(report.verifiedDigests) digests verified, \(report.filesUnpacked) entries unpacked, "
              + "\(path) answered HTTP \(report.healthStatus) after \(BuildCommand.seconds(report.timeToHealthy)), exit \(report.exitStatusAfterStop) after SIGTERM")
    }

    /// The region's keys from `.env.generated` (plain values only: secrets are not in that file).
    private func generatedEnvironment(_ deployment: Deployment, region: String) throws -> [String: String] {
        let url = deployment.store.environmentFile
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        let section = try EnvironmentFile.parse(text, path: url.path).sections[RegionName(region)]
        return Dictionary(uniqueKeysWithValues: (section?.values ?? [:]).map { ($0.key.rawValue, $0.value) })
    }

    static func environment(_ pairs: [String]) throws -> [String: String] {
        var values: [String: String] = [:]
        for (index, pair) in pairs.enumerated() {
            // The argument itself is not echoed: it may be a secret value missing its key.
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw BuildCommandError("--env #\(index + 1): expected KEY=VALUE")
            }
            values[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return values
    }
}
