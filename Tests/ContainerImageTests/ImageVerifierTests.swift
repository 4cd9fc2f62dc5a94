@testable import ContainerImage
import Foundation
import Testing

/// The shipped image runs: pulled back by digest, unpacked, started in a chroot as the
/// image's non-root user, and its health endpoint answers.
@Suite struct ImageVerifierTests {
    @Test func unpackedImageServesItsHealthEndpointFromAChroot() async throws {
        let environment = try RegistryTestEnvironment.fromEnvironment()
        let directory = try TemporaryDirectory()
        let image = try ImageBuildTests.build(try TestBinaries.compileHealthServer(in: directory.path), into: directory.file("out"))
        let client = try RegistryClient(url: environment.url)
        let repository = RegistryTestEnvironment.uniqueRepository("verify")
        let pushed = try await client.push(layout: try ImageLayoutDirectory.open(at: image.layoutPath), repository: repository,
                                           tag: "rev1", credentials: environment.credentials)
        var options = ImageVerifier.Options(workDirectory: directory.file("verify"))
        options.port = Int.random(in: 20_000...29_999)
        let report = try await ImageVerifier(registry: client).verify(repository: repository, digest: pushed.digest,
                                                                      credentials: environment.credentials, options: options)
        #expect(report.healthStatus == 200)
        // /proc as a runtime provides it (libdispatch in the Swift services traps without it).
        #expect(report.healthBody == "ok user=app uid=65532 tmp=writable proc=mounted")
        #expect(report.verifiedDigests == 4)
        #expect(report.manifestDigest == image.manifestDigest)
        #expect(report.filesUnpacked > 10)
        // SIGTERM reached the process (128 + 15), rather than the SIGKILL fallback (137).
        #expect(report.exitStatusAfterStop == 143)
    }

    @Test func anImageThatCannotStartIsReportedWithItsLog() async throws {
        let environment = try RegistryTestEnvironment.fromEnvironment()
        let directory = try TemporaryDirectory()
        let image = try ImageBuildTests.build(try TestBinaries.compileHealthServer(in: directory.path), into: directory.file("out"))
        let client = try RegistryClient(url: environment.url)
        let repository = RegistryTestEnvironment.uniqueRepository("verify-fail")
        let pushed = try await client.push(layout: try ImageLayoutDirectory.open(at: image.layoutPath), repository: repository,
                                           tag: "rev1", credentials: environment.credentials)
        var options = ImageVerifier.Options(workDirectory: directory.file("verify"))
        options.port = 1  // binding a privileged port as uid 65532 fails
        options.timeout = .seconds(5)
        let error = await #expect(throws: ContainerImageError.self) {
            try await ImageVerifier(registry: client).verify(repository: repository, digest: pushed.digest,
                                                             credentials: environment.credentials, options: options)
        }
        let message = error.map { String(describing: $0) } ?? ""
        #expect(message.contains("bind"), "the service's log is quoted: \(message)")
        #expect(message.contains("entrypoint exited with 1 before http://127.0.0.1:1/"), "its real exit status: \(message)")
    }
}
