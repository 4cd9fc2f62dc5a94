@testable import AWSClient
import Foundation
import Testing
@testable import AWSClientTestSupport

/// ECR's registry credentials: the token is decoded once, here, and never shown.
@Suite("ECR")
struct ECRTests {
    @Test("GetAuthorizationToken against the emulator decodes AWS:<password> for the region's registry")
    func authorizationToken() async throws {
        let authorization = try await ECR(client: try LocalAWS.client(region: "ap-northeast-2")).getAuthorizationToken()
        #expect(authorization.username == "AWS")
        #expect(!authorization.password.isEmpty)
        #expect(authorization.proxyEndpoint.hasSuffix(".dkr.ecr.ap-northeast-2.amazonaws.com"))
        #expect(!String(describing: authorization).contains(authorization.password))
        #expect(!String(reflecting: authorization).contains(authorization.password))
    }

    @Test("a token that is not base64 of user:password is refused without echoing it")
    func malformedToken() throws {
        let token = Data("no-colon-here".utf8).base64EncodedString()
        let error = #expect(throws: AWSError.self) {
            try ECRAuthorization(token: token, proxyEndpoint: "https://x", expiresAt: nil)
        }
        #expect(error.map { !String(describing: $0).contains(token) } == true)
        let decoded = try ECRAuthorization(token: Data("AWS:p:w".utf8).base64EncodedString(), proxyEndpoint: "", expiresAt: nil)
        #expect(decoded.username == "AWS")
        #expect(decoded.password == "p:w")
    }
}
