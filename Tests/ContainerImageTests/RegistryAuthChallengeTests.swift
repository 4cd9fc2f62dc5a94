@testable import ContainerImage
import Testing

/// WWW-Authenticate parsing for the Bearer registries (Docker Hub, GHCR) and Basic ones (ECR).
@Suite struct RegistryAuthChallengeTests {
    @Test func bearerChallengeWithQuotedCommas() throws {
        let challenge = try #require(RegistryAuthChallenge(header: #"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/app:pull,push""#))
        #expect(challenge.scheme == .bearer)
        #expect(challenge.realm == "https://auth.example.com/token")
        #expect(challenge.service == "registry.example.com")
        #expect(challenge.scope == "repository:team/app:pull,push")
    }

    @Test func basicChallengeAsECRSendsIt() throws {
        let challenge = try #require(RegistryAuthChallenge(header: #"Basic realm="https://123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/",service="ecr.amazonaws.com""#))
        #expect(challenge.scheme == .basic)
        #expect(challenge.service == "ecr.amazonaws.com")
    }

    @Test func rangeHeaderGivesTheResumeOffset() {
        #expect(BlobUploader.nextOffset(fromRange: "0-1048575") == 1_048_576)
        #expect(BlobUploader.nextOffset(fromRange: "0-0") == 0)
        #expect(BlobUploader.nextOffset(fromRange: nil) == nil)
        #expect(BlobUploader.appendingDigest("/v2/a/blobs/uploads/x?_state=s", try! Digest(hex: String(repeating: "a", count: 64))).hasSuffix("&digest=sha256%3A" + String(repeating: "a", count: 64)))
    }
}
