@testable import ContainerImage
import Foundation
import NIOHTTP1
import Testing

/// Upload failures injected by a proxy in front of the real registry: each is recovered by
/// resuming or restarting only the affected blob, or ends in a clear error at the limit.
@Suite struct UploadFaultTests {
    struct Fixture {
        let environment: RegistryTestEnvironment
        let directory: TemporaryDirectory
        let image: ImageReference
        let layout: ImageLayoutDirectory
        let proxy: FaultInjectingProxy
        let client: RegistryClient
        let totalBlobBytes: Int64

        static func make() async throws -> Fixture {
            let environment = try RegistryTestEnvironment.fromEnvironment()
            let directory = try TemporaryDirectory()
            let image = try ImageBuildTests.build(try TestBinaries.compileHealthServer(in: directory.path), into: directory.file("out"))
            let layout = try ImageLayoutDirectory.open(at: image.layoutPath)
            let proxy = try await FaultInjectingProxy.start(upstream: environment.url)
            var client = try RegistryClient(url: proxy.url, retryPolicy: .init(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)))
            client.chunkSize = 256 * 1024
            let configSize = Int64(try #require(try lstatIfPresent(layout.blobPath(image.configDigest))).st_size)
            return Fixture(environment: environment, directory: directory, image: image, layout: layout, proxy: proxy, client: client,
                           totalBlobBytes: image.compressedSize + configSize)
        }

        func push(_ repository: String) async throws -> PushReport {
            try await client.push(layout: layout, repository: repository, tag: "rev1", credentials: environment.credentials)
        }

        func pullVerifies(_ repository: String) async throws {
            let pulled = try await client.pull(repository: repository, digest: image.indexDigest, credentials: environment.credentials,
                                               into: directory.file("pulled-\(UUID().uuidString.prefix(6))"))
            #expect(pulled.manifestDigest == image.manifestDigest)
            #expect(try pulled.layout.verifyBlob(image.layers[0].digest) == image.layers[0].size)
        }
    }

    @Test func serverErrorOnAChunkIsResumedWithoutResendingOtherChunks() async throws {
        let fixture = try await Fixture.make()
        let repository = RegistryTestEnvironment.uniqueRepository("fault-patch")
        // The layer's third chunk gets a 500 without reaching the registry.
        fixture.proxy.inject(.PATCH, .status(500), after: 2, count: 1)
        let report = try await fixture.push(repository)
        try await fixture.proxy.stop()
        #expect(fixture.proxy.requests.filter(\.faulted).count == 1)
        #expect(report.retries == 1)
        #expect(report.uploadsResumed == 1 && report.uploadsRestarted == 0)
        // Every blob byte crossed exactly once: the refused chunk never reached the registry,
        // and the resume started where the registry said it stood.
        #expect(report.bytesUploaded == fixture.totalBlobBytes)
        let layerChunks = Int((fixture.image.compressedSize + fixture.client.chunkSize - 1) / fixture.client.chunkSize)
        let patches = fixture.proxy.requests.filter { $0.method == .PATCH }
        #expect(patches.count == layerChunks + 1 + 1)  // layer chunks, the config, the refused one
        #expect(patches.reduce(0) { $0 + $1.bodyBytes } == Int(fixture.totalBlobBytes) + Int(fixture.client.chunkSize))
        let fresh = try await RegistryClient(url: fixture.environment.url).pull(
            repository: repository, digest: fixture.image.indexDigest, credentials: fixture.environment.credentials,
            into: fixture.directory.file("pulled"))
        #expect(fresh.verifiedDigests == 4)
    }

    @Test func connectionDroppedOnTheCommitIsRecovered() async throws {
        let fixture = try await Fixture.make()
        let repository = RegistryTestEnvironment.uniqueRepository("fault-put")
        // The first blob commit (PUT ?digest=) reaches the registry but its answer is lost;
        // the second one never arrives.
        fixture.proxy.inject(.PUT, pathContains: "digest=", .dropAfterForwarding, count: 1)
        fixture.proxy.inject(.PUT, pathContains: "digest=", .dropBeforeForwarding, count: 1)
        let report = try await fixture.push(repository)
        try await fixture.pullVerifies(repository)
        try await fixture.proxy.stop()
        #expect(report.retries >= 2)
        #expect(report.blobsUploaded == 2)
        #expect(report.bytesUploaded == fixture.totalBlobBytes)
        #expect(fixture.proxy.requests.filter(\.faulted).count == 2)
    }

    @Test func connectionDroppedMidLayerIsRecovered() async throws {
        let fixture = try await Fixture.make()
        let repository = RegistryTestEnvironment.uniqueRepository("fault-drop")
        fixture.proxy.inject(.PATCH, .dropBeforeForwarding, count: 1)
        fixture.proxy.inject(.PATCH, .dropAfterForwarding, count: 1)
        let report = try await fixture.push(repository)
        try await fixture.pullVerifies(repository)
        try await fixture.proxy.stop()
        #expect(report.retries == 2)
        #expect(report.uploadsResumed + report.uploadsRestarted == 2)
        #expect(report.blobsUploaded == 2)
    }

    @Test func persistentServerErrorsEndInAClearErrorAtTheLimit() async throws {
        let fixture = try await Fixture.make()
        fixture.proxy.inject(.PATCH, .status(503), count: nil)
        let error = await #expect(throws: RegistryError.self) { try await fixture.push(RegistryTestEnvironment.uniqueRepository("fault-limit")) }
        try await fixture.proxy.stop()
        guard case .retriesExhausted(let operation, let attempts, let lastError)? = error else {
            Issue.record("expected retriesExhausted, got \(String(describing: error))")
            return
        }
        #expect(operation.contains("upload blob"))
        #expect(attempts == 4)
        #expect(lastError.contains("503"))
        #expect(fixture.proxy.requests.filter { $0.method == .PATCH }.count == 4)
    }
}
