@testable import ContainerImage
import Foundation
import Testing

/// Push, re-push, pull and auth against the real local registry (htpasswd bcrypt auth).
@Suite struct RegistryPushTests {
    @Test func pushThenPullVerifiesEveryDigestAndRepushUploadsNothing() async throws {
        let environment = try RegistryTestEnvironment.fromEnvironment()
        let directory = try TemporaryDirectory()
        let image = try ImageBuildTests.build(try TestBinaries.compileHealthServer(in: directory.path), into: directory.file("out"))
        let layout = try ImageLayoutDirectory.open(at: image.layoutPath)
        var client = try RegistryClient(url: environment.url)
        client.chunkSize = 256 * 1024
        let repository = RegistryTestEnvironment.uniqueRepository("push")

        let first = try await client.push(layout: layout, repository: repository, tag: "rev1", credentials: environment.credentials)
        #expect(first.digest == image.indexDigest)
        #expect(first.manifestDigests == [image.manifestDigest])
        #expect(first.blobsUploaded == 2 && first.blobsSkipped == 0)
        let configSize = try #require(try lstatIfPresent(layout.blobPath(image.configDigest))).st_size
        #expect(first.bytesUploaded == image.compressedSize + Int64(configSize))
        #expect(!first.tagAlreadyPresent)

        let again = try await client.push(layout: layout, repository: repository, tag: "rev1", credentials: environment.credentials)
        #expect(again.bytesUploaded == 0)
        #expect(again.blobsUploaded == 0 && again.blobsSkipped == 2)
        #expect(again.tagAlreadyPresent)

        let pulled = try await client.pull(repository: repository, digest: first.digest, credentials: environment.credentials, into: directory.file("pulled"))
        #expect(pulled.manifestDigest == image.manifestDigest)
        #expect(pulled.verifiedDigests == 4)  // index, manifest, config, layer
        for digest in [image.indexDigest, image.manifestDigest, image.configDigest] + image.layers.map(\.digest) {
            #expect(try pulled.layout.verifyBlob(digest) > 0)
        }
    }

    @Test func wrongPasswordIsAClearAuthenticationError() async throws {
        let environment = try RegistryTestEnvironment.fromEnvironment()
        let directory = try TemporaryDirectory()
        let image = try ImageBuildTests.build(try TestBinaries.compileHealthServer(in: directory.path), into: directory.file("out"))
        let client = try RegistryClient(url: environment.url)
        let wrongPassword = "not-the-password-\(UUID().uuidString)"
        let error = await #expect(throws: RegistryError.self) {
            try await client.push(layout: try ImageLayoutDirectory.open(at: image.layoutPath), repository: RegistryTestEnvironment.uniqueRepository("auth"),
                                  tag: "rev1", credentials: .basic(username: environment.username, password: wrongPassword))
        }
        guard case .authenticationFailed(_, let username, _)? = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(username == environment.username)
        #expect(!String(describing: error!).contains(wrongPassword))
        #expect(String(describing: error!).contains("refused authentication"))

        let anonymous = await #expect(throws: RegistryError.self) {
            try await client.push(layout: try ImageLayoutDirectory.open(at: image.layoutPath), repository: RegistryTestEnvironment.uniqueRepository("auth"),
                                  tag: "rev1", credentials: .anonymous)
        }
        #expect(anonymous.map { String(describing: $0).contains("requires credentials") } == true)
    }

    @Test func credentialsFromAProviderAreUsedAndRedacted() async throws {
        let environment = try RegistryTestEnvironment.fromEnvironment()
        let directory = try TemporaryDirectory()
        let image = try ImageBuildTests.build(try TestBinaries.compileHealthServer(in: directory.path), into: directory.file("out"))
        // The shape ECR's GetAuthorizationToken returns: base64("user:password").
        let token = Data("\(environment.username):\(environment.password)".utf8).base64EncodedString()
        let credentials = RegistryCredentials.provider { try BasicCredentials(authorizationToken: token) }
        let decoded = try BasicCredentials(authorizationToken: token)
        #expect(!decoded.description.contains(environment.password))
        let report = try await RegistryClient(url: environment.url).push(
            layout: try ImageLayoutDirectory.open(at: image.layoutPath), repository: RegistryTestEnvironment.uniqueRepository("provider"),
            tag: "rev1", credentials: credentials)
        #expect(report.blobsUploaded == 2)
    }

    @Test func movingAnImmutableTagToAnotherDigestIsRefused() async throws {
        let environment = try RegistryTestEnvironment.fromEnvironment()
        let directory = try TemporaryDirectory()
        let binary = try TestBinaries.compileHealthServer(in: directory.path)
        let first = try ImageBuildTests.build(binary, into: directory.file("a"))
        let second = try ImageBuildTests.build(binary, into: directory.file("b"), options: ImageBuildTests.options(epoch: 86_400))
        let client = try RegistryClient(url: environment.url)
        let repository = RegistryTestEnvironment.uniqueRepository("immutable")
        _ = try await client.push(layout: try ImageLayoutDirectory.open(at: first.layoutPath), repository: repository, tag: "rev1", credentials: environment.credentials)
        let error = await #expect(throws: RegistryError.self) {
            try await client.push(layout: try ImageLayoutDirectory.open(at: second.layoutPath), repository: repository, tag: "rev1", credentials: environment.credentials)
        }
        guard case .tagExists(_, _, let existing, let attempted)? = error else {
            Issue.record("expected tagExists, got \(String(describing: error))")
            return
        }
        #expect(existing == first.indexDigest && attempted == second.indexDigest)
    }

    @Test func badRepositoryOrTagIsRefusedBeforeAnyRequest() async throws {
        let client = try RegistryClient(url: "http://127.0.0.1:9")
        let directory = try TemporaryDirectory()
        let layout = try ImageLayoutDirectory.create(at: directory.path)
        await #expect(throws: RegistryError.self) { try await client.push(layout: layout, repository: "Upper/Case", tag: "t", credentials: .anonymous) }
        await #expect(throws: RegistryError.self) { try await client.push(layout: layout, repository: "ok", tag: "-bad", credentials: .anonymous) }
        #expect(throws: RegistryError.self) { try RegistryClient(url: "ftp://registry") }
    }
}
