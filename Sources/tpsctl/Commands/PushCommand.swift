import ArgumentParser
import ContainerImage
import Foundation
import Provisioning
import Stack
import Stages

/// `tpsctl push`: ships built images to each chosen region's ECR repository (blobs the
/// registry lacks, streamed; manifests; the revision tag) and records the digests in stage 01's
/// state, as `up --stage 01` does. Unchanged images upload nothing.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push the built images to the regions' ECR repositories and record their digests.",
        discussion: """
            Registry credentials come from ECR GetAuthorizationToken per region. Local runs (a stack \
            with a local section) push to local.registryURL or TPS_REGISTRY_URL instead, with \
            TPS_REGISTRY_USERNAME / TPS_REGISTRY_PASSWORD (as scripts/testenv writes them to .testenv/env).
            """)

    @OptionGroup var options: ShipOptions

    func run() async throws {
        try await reportingDiagnostics {
            let prepared = try options.prepare()
            let deployment = prepared.deployment
            // Checked before any AWS call: a named service must be built; otherwise unbuilt ones are skipped.
            let services = try options.services.filter { name in
                let path = deployment.shipping.layoutPath(name)
                guard try BuiltImage.open(at: path) != nil else {
                    let message = "\(name): no image at \(path); run tpsctl build --service \(name) first"
                    if options.service != nil { throw ImageShippingError(message) }
                    ProgressPrinter.line("push: \(message); skipped")
                    return false
                }
                return true
            }
            let publisher = ImagePublisher(deployment: deployment)
            let pushes = prepared.targets.flatMap { target in services.map { (target, $0) } }
            let results = try await Interrupts.cancelling {
                try await StateLock.withLock(in: deployment.stateDirectory, command: "push") {
                    await withTaskGroup(of: (Int, Result<(ImagePublisher.Published, Duration), any Error>).self) { group in
                        for (index, (target, service)) in pushes.enumerated() {
                            group.addTask {
                                let started = ContinuousClock.now
                                do {
                                    let published = try await publisher.publish(service, to: target)
                                    return (index, .success((published, ContinuousClock.now - started)))
                                } catch {
                                    return (index, .failure(error))
                                }
                            }
                        }
                        var results: [Int: Result<(ImagePublisher.Published, Duration), any Error>] = [:]
                        for await (index, result) in group { results[index] = result }
                        return pushes.indices.map { results[$0]! }
                    }
                }
            }
            var failed = 0
            var uploaded: Int64 = 0
            for ((target, service), result) in zip(pushes, results) {
                switch result {
                case let .success((published, elapsed)):
                    let report = published.report
                    uploaded += report.bytesUploaded
                    print("\(target.name) \(service) \(published.imageURI) tag \(report.tag): \(report.blobsUploaded) blobs uploaded "
                          + "(\(report.bytesUploaded) bytes), \(report.blobsSkipped) already present, \(report.retries) retries, "
                          + BuildCommand.seconds(elapsed))
                case let .failure(error):
                    failed += 1
                    ProgressPrinter.line("push: \(target.name) \(service): \(error)")
                }
            }
            ProgressPrinter.line("push: \(pushes.count - failed) of \(pushes.count) pushed, \(uploaded) blob bytes uploaded")
            if failed > 0 { throw ExitCode.failure }
        }
    }
}
