@testable import ContainerImage
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// What the services trust in transit, from the stack to the task: a stack naming the RDS CA
/// bundle renders task definitions that say `verify-full` with DB_SSLROOTCERT, and the image built
/// from that stack holds the bundle, byte for byte, at that very path (a new bundle, a new digest).
@Suite("The CA bundle from the stack to the task definition and the image")
struct TransitTrustTests {
    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A stack naming `bundle` as its RDS CA bundle (no local section: the services reach Aurora).
    static func stack(bundle: String?, directory: URL) throws -> Stack {
        let file = directory.appendingPathComponent("stack.yaml")
        try """
        stack: trust
        regions:
          - name: ap-northeast-1
            cidr: 10.0.0.0/16
        dataPlane:
          aurora:
            databaseName: tps
        \(bundle.map { "    caBundle: \($0)" } ?? "")
        """.write(to: file, atomically: true, encoding: .utf8)
        return try StackLoader.load(path: file.path)
    }

    /// The public-api task definition's environment as stage 04 renders it for `stack`.
    static func renderedEnvironment(_ stack: Stack) throws -> [String: String] {
        let region = RegionName("ap-northeast-1")
        let section = try ServiceEnvironment.section(stack: stack, region: region, endpointURL: nil,
                                                     outputs: RecordedOutputs(region: region, outputs: [:]))
        let inputs = TaskDefinitionInputs(
            image: .known("1.dkr.ecr.ap-northeast-1.amazonaws.com/x@sha256:" + String(repeating: "a", count: 64)),
            executionRoleArn: .known("arn:aws:iam::123456789012:role/exec"), taskRoleArn: .known("arn:aws:iam::123456789012:role/task"),
            logGroup: .known("/tps/trust/apne1/public-api"),
            environment: Dictionary(uniqueKeysWithValues: section.values.map { ($0.key.rawValue, $0.value) }), secrets: [:])
        let definition = try TaskDefinitionRenderer(templatesDirectory: TestStack.templatesDirectory)
            .render(.publicAPI, stack: stack, region: stack.regions[0].region, inputs: inputs)
        let pairs = try #require(definition["containerDefinitions"]?[0]?["environment"]?.array)
        return Dictionary(uniqueKeysWithValues: pairs.compactMap { pair in
            pair["name"]?.string.flatMap { name in pair["value"]?.string.map { (name, $0) } }
        })
    }

    /// Builds the service image of `stack` as `tpsctl build` does (its TransitTrust's files) and
    /// returns its digest and the bytes at `path` inside it (nil when absent).
    static func image(of stack: Stack, in directory: URL, reading path: String) throws -> (digest: String, bytes: [UInt8]?) {
        var options = try ImageBuildOptions(environment: [:])
        options.revision = "rev-trust"
        options.placedFiles = TransitTrust(stack).imageFiles
        let output = directory.appendingPathComponent("image-\(UUID().uuidString)").path
        let image = try ImageBuilder(options: options).build(
            service: "public-api", binary: try TestImages.binary.get(), port: 8080, env: [:], labels: [:], outputDir: output)
        let layout = try ImageLayoutDirectory.open(at: image.layoutPath)
        let manifest = try layout.readJSONBlob(OCIManifest.self, image.manifestDigest)
        let config = try layout.readJSONBlob(OCIImageConfig.self, image.configDigest)
        let root = directory.appendingPathComponent("root-\(UUID().uuidString)").path
        _ = try LayerUnpacker().unpack(manifest: manifest, config: config, from: layout, into: root)
        let bytes = FileManager.default.contents(atPath: root + path).map { [UInt8]($0) }
        return ("\(image.indexDigest)", bytes)
    }

    @Test("a stack with a bundle: the task definition says verify-full and names the file the image holds")
    func bundleReachesTheTask() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let system = try String(contentsOfFile: "/etc/ssl/certs/ca-certificates.crt", encoding: .utf8)
        let bundle = directory.appendingPathComponent("global-bundle.pem")
        try system.write(to: bundle, atomically: true, encoding: .utf8)
        let stack = try Self.stack(bundle: bundle.path, directory: directory)

        let environment = try Self.renderedEnvironment(stack)
        #expect(environment["DB_SSLMODE"] == "verify-full")
        let rootCertificate = try #require(environment["DB_SSLROOTCERT"])
        let image = try Self.image(of: stack, in: directory, reading: rootCertificate)
        #expect(image.bytes == [UInt8](try Data(contentsOf: bundle)), "the image holds the bundle at DB_SSLROOTCERT")

        // A rotated bundle (here: one certificate fewer) is another image.
        let certificates = system.components(separatedBy: "-----END CERTIFICATE-----\n")
        try certificates.dropFirst().joined(separator: "-----END CERTIFICATE-----\n").write(to: bundle, atomically: true, encoding: .utf8)
        let rotated = try Self.image(of: stack, in: directory, reading: rootCertificate)
        #expect(rotated.digest != image.digest)
        #expect(rotated.bytes == [UInt8](try Data(contentsOf: bundle)))
    }

    @Test("a stack without one: require, no DB_SSLROOTCERT, nothing placed in the image")
    func noBundle() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let stack = try Self.stack(bundle: nil, directory: directory)
        let environment = try Self.renderedEnvironment(stack)
        #expect(environment["DB_SSLMODE"] == "require")
        #expect(environment["DB_SSLROOTCERT"] == nil)
        #expect(try Self.image(of: stack, in: directory, reading: TransitTrust.databaseCAPath).bytes == nil)
    }

    @Test("verify refuses a production stack whose services would not check Aurora's certificate")
    func productionNeedsABundle() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var stack = try Self.stack(bundle: nil, directory: directory)
        #expect(DatabaseTrustCheck().findings(stack, region: "r").isEmpty, "not production: plan and build warn only")
        stack.production = true
        let findings = DatabaseTrustCheck().findings(stack, region: "r").map(\.description)
        #expect(findings.count == 1)
        #expect(findings.first?.hasPrefix("r: tls: production stack: dataPlane.aurora.caBundle is not set") == true, "\(findings)")
        stack.dataPlane.aurora.caBundle = "/etc/ssl/certs/ca-certificates.crt"
        #expect(DatabaseTrustCheck().findings(stack, region: "r").isEmpty)
    }
}
