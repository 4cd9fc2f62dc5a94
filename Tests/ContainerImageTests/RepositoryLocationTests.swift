@testable import ContainerImage
import Testing

/// Repository URIs as ECR reports them, split for the registry client.
@Suite struct RepositoryLocationTests {
    @Test func ecrRepositoryURI() throws {
        let location = try RepositoryLocation(uri: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/tps/public-api")
        #expect(location.registryURL == "https://123456789012.dkr.ecr.ap-northeast-1.amazonaws.com")
        #expect(location.repository == "tps/public-api")
    }

    @Test func loopbackRegistryIsPlainHTTP() throws {
        #expect(try RepositoryLocation(uri: "127.0.0.1:5001/tps/confirm-api").registryURL == "http://127.0.0.1:5001")
        #expect(try RepositoryLocation(uri: "https://127.0.0.1:5443/x").registryURL == "https://127.0.0.1:5443")
    }

    @Test func malformedURIsAreRefused() {
        #expect(throws: RegistryError.self) { try RepositoryLocation(uri: "no-repository") }
        #expect(throws: RegistryError.self) { try RepositoryLocation(uri: "host/") }
        #expect(throws: RegistryError.self) { try RepositoryLocation(uri: "host/Upper") }
    }
}
