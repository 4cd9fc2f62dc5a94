@testable import AWSClient
import AWSSigV4
import Crypto
import Foundation
import Testing
@testable import AWSClientTestSupport

/// What reaches the server is exactly what was signed: re-signing the received request
/// (its signed headers, path, query and body) with the same time gives the same signature.
@Suite("Signed requests survive the transport")
struct WireSignatureTests {
    static func expectSignatureMatches(_ request: ScriptedHTTPServer.Request, server: ScriptedHTTPServer, region: String,
                                       service: String, options: SigV4Options = SigV4Options(),
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
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
                            payload: .bytes(request.body)), date: date, options: options)
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

    @Test("S3 is signed as S3 expects: the path as sent (no second encoding), the payload's SHA-256 in a signed x-amz-content-sha256, Content-MD5 on a body; path-style /bucket/key")
    func s3SigningAndPathStyle() async throws {
        let server = try await ScriptedHTTPServer.start { _ in .xml(200, "") }
        defer { Task { await server.stop() } }
        let client = ScriptedClient.make(server)
        let body = Array("line one\nline two\n".utf8)
        try await S3(client: client).putObject("logs-bucket", key: "alb/AWSLogs/1/x y+z.log.gz", body: body)
        let request = try #require(server.requests.first)
        #expect(request.method == "PUT")
        #expect(request.uri == "/logs-bucket/alb/AWSLogs/1/x%20y%2Bz.log.gz")
        #expect(request.header("x-amz-content-sha256") == SHA256Hex.digest(body))
        #expect(request.header("Authorization")?.contains("x-amz-content-sha256") == true, "the payload hash is signed")
        #expect(request.header("Content-MD5") == Data(Insecure.MD5.hash(data: body)).base64EncodedString())
        try Self.expectSignatureMatches(request, server: server, region: client.region, service: "s3", options: .s3)
    }
}
