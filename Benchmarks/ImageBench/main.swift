// Times one image build and one push of a given binary and prints the figures as JSON, for
// scripts/bench-image.sh. Usage:
//   ImageBench --binary PATH --service NAME --output DIR --registry URL --repository REPO [--tag TAG] [--port N]
// Credentials come from TPS_REGISTRY_USERNAME / TPS_REGISTRY_PASSWORD.
import ContainerImage
import Foundation

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

func argument(_ name: String, in arguments: [String]) throws -> String? {
    guard let index = arguments.firstIndex(of: "--" + name) else { return nil }
    guard index + 1 < arguments.count else { throw BenchError(description: "--\(name) needs a value") }
    return arguments[index + 1]
}

func required(_ name: String, in arguments: [String]) throws -> String {
    guard let value = try argument(name, in: arguments) else { throw BenchError(description: "missing --\(name)") }
    return value
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Peak memory of this process: evidence that layers stream instead of sitting in memory.
func maxResidentKiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
}

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    let binary = try required("binary", in: arguments)
    let service = try required("service", in: arguments)
    let output = try required("output", in: arguments)
    let registry = try required("registry", in: arguments)
    let repository = try required("repository", in: arguments)
    let tag = try argument("tag", in: arguments) ?? "bench"
    let port = Int(try argument("port", in: arguments) ?? "8080") ?? 8080
    let environment = ProcessInfo.processInfo.environment
    guard let username = environment["TPS_REGISTRY_USERNAME"], let password = environment["TPS_REGISTRY_PASSWORD"] else {
        throw BenchError(description: "TPS_REGISTRY_USERNAME and TPS_REGISTRY_PASSWORD must be set")
    }
    var options = try ImageBuildOptions()
    options.revision = tag.count == 40 ? tag : String(repeating: "0", count: 40)
    let clock = ContinuousClock()
    var image: ImageReference?
    let buildTime = try clock.measure {
        image = try ImageBuilder(options: options).build(service: service, binary: binary, port: port, env: [:], labels: [:], outputDir: output)
    }
    let client = try RegistryClient(url: registry)
    var report: PushReport?
    let pushStart = clock.now
    report = try await client.push(layout: try ImageLayoutDirectory.open(at: output), repository: repository, tag: tag,
                                   credentials: .basic(username: username, password: password))
    let pushTime = clock.now - pushStart
    let result: [String: Any] = [
        "service": service,
        "digest": image!.indexDigest.description,
        "compressed_bytes": image!.compressedSize,
        "uncompressed_bytes": image!.layers.reduce(0) { $0 + $1.uncompressedSize },
        "build_seconds": seconds(buildTime),
        "push_seconds": seconds(pushTime),
        "bytes_uploaded": report!.bytesUploaded,
        "blobs_uploaded": report!.blobsUploaded,
        "blobs_skipped": report!.blobsSkipped,
        "max_rss_kib": maxResidentKiB(),
    ]
    let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: json, as: UTF8.self))
} catch {
    FileHandle.standardError.write(Data("ImageBench: \(error)\n".utf8))
    exit(1)
}
