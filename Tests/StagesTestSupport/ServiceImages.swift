import ContainerImage
import Foundation
import Stack

/// The services' real images, made as `tpsctl build --configuration debug` makes them: the
/// debug binaries `swift build --build-tests` left beside the test bundle, packaged (with the
/// Swift runtime libraries they link) by the real ImageBuilder into `<images dir>/<service>`.
/// No `swift build` runs here: a test must not rebuild the package it is part of.
enum ServiceImages {
    /// Where the debug products are: next to the test bundle, else the package's `.build/debug`.
    static func binaryDirectory() throws -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug"),
        ]
        let found = candidates.first { directory in
            ServiceName.allCases.allSatisfy {
                FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent($0.rawValue).path)
            }
        }
        guard let found else {
            throw MissingServer("the services' debug binaries are not built (looked in \(candidates.map(\.path))): run swift build --build-tests")
        }
        return found
    }

    /// Builds every service's image and the load bot's into `imagesDirectory`, tagged `revision`;
    /// the services' with the CA files of `trust` (as `tpsctl build` does from the stack).
    static func build(into imagesDirectory: URL, revision: String, trust: TransitTrust? = nil) throws {
        let binaries = try binaryDirectory()
        var options = try ImageBuildOptions(environment: [:])
        options.revision = revision
        var serviceOptions = options
        serviceOptions.placedFiles = trust?.imageFiles ?? [:]
        for service in ServiceName.allCases {
            _ = try ImageBuilder(options: serviceOptions).build(
                service: service.rawValue, binary: binaries.appendingPathComponent(service.rawValue).path,
                port: service.servesHTTP ? 8080 : nil, env: [:],
                labels: ["dev.tpsctl.build-configuration": "debug"],
                outputDir: imagesDirectory.appendingPathComponent(service.rawValue).path)
        }
        // The load bot is tpsctl itself (`tpsctl build` makes it the same way).
        _ = try ImageBuilder(options: options).build(
            service: LoadBot.name, binary: binaries.appendingPathComponent(LoadBot.product).path, port: nil, env: [:],
            labels: ["dev.tpsctl.build-configuration": "debug"],
            outputDir: imagesDirectory.appendingPathComponent(LoadBot.name).path)
    }
}
