@testable import ContainerImage
import Foundation
import Testing

/// The Bearer token flow (realm/service/scope) against a real registry with token auth.
@Suite struct BearerAuthTests {
    @Test func pushAndPullWithTokensFromTheChallengedRealm() async throws {
        let registry = try await TokenAuthRegistry.start()
        let directory = try TemporaryDirectory()
        do {
            let image = try ImageBuildTests.build(try TestBinaries.compileHealthServer(in: directory.path), into: directory.file("out"))
            let client = try RegistryClient(url: registry.url)
            let credentials = RegistryCredentials.basic(username: registry.username, password: registry.password)
            let report = try await client.push(layout: try ImageLayoutDirectory.open(at: image.layoutPath), repository: "tps/bearer",
                                               tag: "rev1", credentials: credentials)
            #expect(report.blobsUploaded == 2)
            let pulled = try await client.pull(repository: "tps/bearer", digest: report.digest, credentials: credentials, into: directory.file("pulled"))
            #expect(pulled.manifestDigest == image.manifestDigest)

            let error = await #expect(throws: RegistryError.self) {
                try await client.push(layout: try ImageLayoutDirectory.open(at: image.layoutPath), repository: "tps/bearer", tag: "rev1",
                                      credentials: .basic(username: registry.username, password: "wrong"))
            }
            guard case .authenticationFailed(_, let username, let detail)? = error else {
                Issue.record("expected authenticationFailed, got \(String(describing: error))")
                await registry.stop()
                return
            }
            #expect(username == registry.username)
            #expect(detail.contains("token service"))
        } catch {
            await registry.stop()
            throw error
        }
        await registry.stop()
    }
}
