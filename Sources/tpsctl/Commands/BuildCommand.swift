import ArgumentParser
import ContainerImage
import Foundation
import Stack

/// `tpsctl build`: the static release binary (or, for local runs, the debug build) of each service, then its OCI image (no Docker):
/// `<state dir>/images/<service>/`, which `push` and `up` stage 01 ship. Services come from
/// the stack; one whose product the package does not have (yet) is reported, not guessed at.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the services' static release binaries and their OCI images (no container engine).",
        discussion: """
            Runs `swift build -c release --static-swift-stdlib --product <service>` (compiler errors \
            are shown as they come), then writes a reproducible OCI image layout per service to \
            <state-dir>/images/<service>, labelled with the git revision it was built from (its tag). \
            The CA bundle the stack names (dataPlane.aurora.caBundle, or local.databaseCA) is put \
            at /etc/ssl/tps/database-ca.pem in each service image. \
            SOURCE_DATE_EPOCH sets the timestamps (default 0). `--configuration debug` uses the \
            package's ordinary debug build instead (quick, dynamically linked: the image carries the \
            Swift runtime libraries), for local runs only.
            """)

    @Option(help: "Only this service (public-api, confirm-api or confirm-worker), or load-bot (tpsctl itself, what `load run --ecs` runs).")
    var service: String?

    @Option(name: .customLong("stack"), help: "The stack file (for the services' ports and the CA bundles they verify their servers with).")
    var stackPath = "stacks/max-tps.yaml"

    @Option(help: "Where state and outputs are recorded; images go to <state-dir>/images.")
    var stateDir = "infra/out"

    @Option(help: "The Swift package holding the services.")
    var packagePath = "."

    @Option(help: "SwiftPM build directory (default: the package's .build).")
    var scratchPath: String?

    @Option(name: .customLong("configuration"),
            help: "release (what ships) or debug (reuses a debug build's objects: quick local images).")
    var buildConfiguration: BuildConfiguration = .release

    func run() async throws {
        try await reportingDiagnostics {
            let stack = try StackLoader.load(path: stackPath)
            // The load bot is tpsctl itself: its image is made from the `tpsctl` product.
            let requested: [(image: String, product: String, port: Int?)] = service == LoadBot.name
                ? [(LoadBot.name, LoadBot.product, nil)]
                : try ServiceSelection.parse(service).map { ($0.rawValue, $0.rawValue, stack.services[$0].port) }
                    + (service == nil ? [(LoadBot.name, LoadBot.product, nil)] : [])
            if let warning = TransitTrustWarning.line(stack: stack, stackPath: stackPath) {
                ProgressPrinter.line("build: \(warning)")
            }
            let build = SwiftPackageBuild(packagePath: packagePath, scratchPath: scratchPath, configuration: buildConfiguration)
            let products = try build.executableProducts()
            var built: [String] = []
            for (name, product, port) in requested {
                guard products.contains(product) else {
                    let message = "\(name): the package has no executable product '\(product)' yet; not built"
                    if service != nil { throw BuildCommandError(message) }
                    ProgressPrinter.line("build: \(message)")
                    continue
                }
                // The services get the CA files they verify their servers with; the load bot talks to
                // the ALBs and the distribution only.
                let files = name == LoadBot.name ? [:] : TransitTrust(stack).imageFiles
                try await buildImage(name, product: product, port: port, files: files, build: build)
                built.append(name)
            }
            ProgressPrinter.line("build: \(built.count) of \(requested.count) images written to \(stateDir)/images")
        }
    }

    private func buildImage(_ name: String, product: String, port: Int?, files: [String: String],
                            build: SwiftPackageBuild) async throws {
        ProgressPrinter.line("build: swift build \(build.flags.joined(separator: " ")) --product \(product)")
        let started = ContinuousClock.now
        try build.build(product: product)
        let compiled = ContinuousClock.now
        let binary = try build.binaryDirectory() + "/" + product
        var options = try ImageBuildOptions()
        options.sourceDirectory = packagePath
        options.placedFiles = files
        let output = URL(fileURLWithPath: stateDir).appendingPathComponent("images").appendingPathComponent(name).path
        let image = try ImageBuilder(options: options).build(
            service: name, binary: binary, port: port, env: [:],
            labels: ["org.opencontainers.image.description": name == LoadBot.name ? "tpsctl load bot" : "tpsctl service \(name)",
                     "org.opencontainers.image.version": TpsctlVersion.current,
                     "dev.tpsctl.build-configuration": build.configuration.rawValue],
            outputDir: output)
        let finished = ContinuousClock.now
        let revision = try BuiltImage.open(at: output)?.tag ?? "?"
        if try SourceRevision.hasUncommittedChanges(in: packagePath) {
            ProgressPrinter.line("build: warning: the working tree has uncommitted changes; the image is still tagged \(revision)")
        }
        print("\(name) \(image.indexDigest) tag \(revision) \(image.compressedSize) bytes compressed -> \(output)")
        ProgressPrinter.line("build: \(name): compile \(Self.seconds(compiled - started)), image \(Self.seconds(finished - compiled))")
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1fs", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
