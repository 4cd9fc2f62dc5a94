@testable import AWSClient
import AWSSigV4
import Foundation
import Testing
@testable import AWSClientTestSupport

/// What reaches the server is exactly what was signed: re-signing the received request
/// (its signed headers, path, query and body) with the same time gives the same signature.
@Suite("Signed requests survive the transport")
struct WireSignatureTests {
    static func expectSignatureMatches(_ request: ScriptedHTTPServer.Request, server: ScriptedHTTPServer, region: String,
                                       service: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let authorization = try #require(request.header("Authorization"), sourceLocation: sourceLocation)
        let signedNames = try #require(authorization.components(separatedBy: "SignedHeaders=").last?
            .components(separatedBy: ",").first?.split(separator: ";").map(String.init), sourceLocation: sourceLocation)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let date = try #require(request.header("X-Amz-Date").flatMap(formatter.date(from:)), sourceLocation: sourceLocation)
        let headers = signedNames.compactMap { name in request.header(name).map { (name: name, value: $0) } }
        #expect(headers.count == signedNames.count, "a signed header did not arrive", sourceLocation: sourceLocation)
        let resigned = SigV4Signer(
            credentials: AWSCredentials(accessKeyId: LocalAWS.accessKeyId, secretAccessKey: LocalAWS.secretAccessKey,
                                        sessionToken: request.header("X-Amz-Security-Token")),
            region: region, service: service
        ).sign(SigV4Request(method: request.method, url: server.url + request.uri,
                            headers: headers.filter { !["authorization", "x-amz-date"].contains($0.name) },
                            payload: .bytes(request.body)), date: date)
        let expected = resigned.headers.first { $0.name == "Authorization" }?.value
        #expect(expected == authorization, sourceLocation: sourceLocation)
        #expect(authorization.contains("/\(region)/\(service)/aws4_request"), sourceLocation: sourceLocation)
    }

    @Test func restXMLPathAndQueryWithReservedCharacters() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .xml(200, "<Distribution><Id>E1</Id></Distribution>") }
        defer { Task { await server.stop() } }
        let client = ScriptedClient.make(server)
        _ = try await client.restXML(.cloudFront, action: "Odd", method: "GET", path: "/2020-05-31/distribution/E 1+é/x",
                                     query: [("Marker", "a b/c=d&e"), ("MaxItems", "2"), ("Empty", "")])
        let request = try #require(server.requests.first)
        #expect(request.uri == "/2020-05-31/distribution/E%201%2B%C3%A9/x?Marker=a%20b%2Fc%3Dd%26e&MaxItems=2&Empty=")
        try Self.expectSignatureMatches(request, server: server, region: "us-east-1", service: "cloudfront")
    }

    @Test func jsonAndQueryBodiesWithASessionToken() async throws {
        let server = try await ScriptedHTTPServer.start { request in
            request.header("X-Amz-Target") != nil ? .json(200, "{}") : .xml(200, "<R><RResult/></R>")
        }
        defer { Task { await server.stop() } }
        let client = AWSClient(
            region: "ap-northeast-2",
            credentialProvider: StaticCredentialProvider(
                AWSCredentials(accessKeyId: LocalAWS.accessKeyId, secretAccessKey: LocalAWS.secretAccessKey,
                               sessionToken: LocalAWS.sessionToken), source: "test"),
            endpoints: EndpointResolver(explicitURL: server.url))
        _ = try await client.json(.secretsManager, "CreateSecret", ["Name": "tps/ü", "SecretString": "{\"k\":\"v w\"}"])
        _ = try await client.query(.elasticLoadBalancingV2, "DescribeTags", ["ResourceArns.member.1": "arn:aws:x/y z"])
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests.allSatisfy { $0.header("X-Amz-Security-Token") == LocalAWS.sessionToken })
        try Self.expectSignatureMatches(requests[0], server: server, region: "ap-northeast-2", service: "secretsmanager")
        try Self.expectSignatureMatches(requests[1], server: server, region: "ap-northeast-2", service: "elasticloadbalancing")
    }
}
