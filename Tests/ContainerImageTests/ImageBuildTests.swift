@testable import ContainerImage
import Foundation
import Testing

/// Building an OCI layout from a compiled binary, reproducibly.
@Suite struct ImageBuildTests {
    static func options(revision: String = "0123456789abcdef0123456789abcdef01234567", epoch: Int64 = 0) throws -> ImageBuildOptions {
        var options = try ImageBuildOptions(environment: ["SOURCE_DATE_EPOCH": String(epoch)])
        options.revision = revision
        return options
    }

    static func build(_ binary: String, into output: String, options: ImageBuildOptions? = nil) throws -> ImageReference {
        try ImageBuilder(options: options ?? Self.options()).build(
            service: "health-server", binary: binary, port: 8080, env: ["TPS_STACK": "test"],
            labels: ["org.opencontainers.image.source": "https://example.invalid/tps"], outputDir: output)
    }

    @Test func twoBuildsFromTheSameInputsHaveIdenticalDigests() throws {
        let directory = try TemporaryDirectory()
        let binary = try TestBinaries.compileHealthServer(in: directory.path)
        let first = try Self.build(binary, into: directory.file("out-a"))
        let second = try Self.build(binary, into: directory.file("out-b"))
        #expect(first.indexDigest == second.indexDigest)
        #expect(first.manifestDigest == second.manifestDigest)
        #expect(first.layers == second.layers)
        let otherRevision = try Self.build(binary, into: directory.file("out-c"), options: Self.options(revision: String(repeating: "f", count: 40)))
        #expect(otherRevision.layers == first.layers)
        #expect(otherRevision.configDigest != first.configDigest)
    }

    @Test func layoutHoldsAVerifiableImageOfTheBinaryAndWhatItNeeds() throws {
        let directory = try TemporaryDirectory()
        let binary = try TestBinaries.compileHealthServer(in: directory.path)
        let image = try Self.build(binary, into: directory.file("out"))
        #expect(image.architecture == "amd64")

        let layout = try ImageLayoutDirectory.open(at: image.layoutPath)
        let top = try layout.readIndex()
        #expect(top.manifests.map(\.digest) == [image.indexDigest])
        let index = try layout.readJSONBlob(OCIIndex.self, image.indexDigest)
        #expect(index.manifests.first?.platform == .init(architecture: "amd64", os: "linux"))
        let manifest = try layout.readJSONBlob(OCIManifest.self, image.manifestDigest)
        #expect(manifest.layers.map(\.digest) == image.layers.map(\.digest))
        #expect(try layout.verifyBlob(image.layers[0].digest) == image.layers[0].size)
        let config = try layout.readJSONBlob(OCIImageConfig.self, image.configDigest)
        #expect(config.architecture == "amd64" && config.os == "linux")
        #expect(config.created == "1970-01-01T00:00:00Z")
        #expect(config.config?.Entrypoint == ["/usr/local/bin/health-server"])
        #expect(config.config?.User == "65532:65532")
        #expect(config.config?.ExposedPorts?.keys.sorted() == ["8080/tcp"])
        #expect(config.config?.Env?.contains("PORT=8080") == true)
        #expect(config.config?.Env?.contains("TPS_STACK=test") == true)
        #expect(config.config?.Labels?["org.opencontainers.image.revision"] == "0123456789abcdef0123456789abcdef01234567")
        #expect(config.config?.Labels?["org.opencontainers.image.source"] == "https://example.invalid/tps")
        #expect(config.rootfs.diff_ids == image.layers.map(\.diffID))

        let root = directory.file("root")
        try LayerUnpacker().unpack(manifest: manifest, config: config, from: layout, into: root)
        let fileManager = FileManager.default
        for path in ["/usr/local/bin/health-server", "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/libc.so.6",
                     "/etc/ssl/certs/ca-certificates.crt", "/etc/passwd", "/etc/group", "/etc/hosts", "/etc/nsswitch.conf"] {
            #expect(fileManager.fileExists(atPath: root + path), "missing \(path)")
        }
        let passwd = try String(contentsOfFile: root + "/etc/passwd", encoding: .utf8)
        #expect(passwd.contains("app:x:65532:65532:"))
        #expect(try lstatIfPresent(root + "/tmp")!.st_mode & 0o7777 == 0o1777)
        // Stripped: smaller than the -g build it came from, and no other libraries than libc.
        #expect(try lstatIfPresent(root + "/usr/local/bin/health-server")!.st_size < (try lstatIfPresent(binary)!.st_size))
        let libraries = try fileManager.contentsOfDirectory(atPath: root + "/usr/lib/x86_64-linux-gnu").sorted()
        #expect(libraries == ["ld-linux-x86-64.so.2", "libc.so.6"])
    }

    @Test func badInputIsAOneLineError() throws {
        let directory = try TemporaryDirectory()
        let builder = ImageBuilder(options: try Self.options())
        let missing = #expect(throws: ContainerImageError.self) {
            try builder.build(service: "svc", binary: directory.file("nope"), port: 8080, env: [:], labels: [:], outputDir: directory.file("out"))
        }
        #expect(missing?.description.contains("nope") == true)
        #expect(throws: ContainerImageError.self) {
            try builder.build(service: "Bad Name", binary: "/usr/bin/curl", port: 8080, env: [:], labels: [:], outputDir: directory.file("out"))
        }
        #expect(throws: ContainerImageError.self) {
            try builder.build(service: "svc", binary: "/etc/hosts", port: 8080, env: [:], labels: [:], outputDir: directory.file("out"))
        }
        #expect(throws: ContainerImageError.self) { try ImageBuildOptions(environment: ["SOURCE_DATE_EPOCH": "yesterday"]) }
        // An output directory that is not a layout from an earlier build is never deleted.
        let precious = directory.file("precious")
        try FileManager.default.createDirectory(atPath: precious, withIntermediateDirectories: true)
        try "keep".write(toFile: precious + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = #expect(throws: ContainerImageError.self) {
            try builder.build(service: "svc", binary: "/usr/bin/curl", port: 8080, env: [:], labels: [:], outputDir: precious)
        }
        #expect(refused?.description.contains("refusing to replace") == true)
        #expect(FileManager.default.fileExists(atPath: precious + "/notes.txt"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("out")))
    }

    @Test func revisionComesFromGitWhenNotGiven() throws {
        let directory = try TemporaryDirectory()
        let binary = try TestBinaries.compileHealthServer(in: directory.path)
        var options = try ImageBuildOptions(environment: [:])
        options.sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
        let head = try TestBinaries.run("/usr/bin/git", ["-C", options.sourceDirectory, "rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let image = try Self.build(binary, into: directory.file("out"), options: options)
        let config = try ImageLayoutDirectory.open(at: image.layoutPath).readJSONBlob(OCIImageConfig.self, image.configDigest)
        #expect(config.config?.Labels?["org.opencontainers.image.revision"] == head)
    }
}
