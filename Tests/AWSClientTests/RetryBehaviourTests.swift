@testable import AWSClient
import Foundation
import Testing
@testable import AWSClientTestSupport

/// Retries against a scripted server on loopback: exact failure sequences, real HTTP.
@Suite("Retries against a scripted server")
struct RetryBehaviourTests {
    static let throttled = ScriptedHTTPServer.Reply.json(
        400, #"{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate exceeded"}"#,
        headers: [("x-amzn-RequestId", "req-throttled")])
    static let tableOK = ScriptedHTTPServer.Reply.json(200, #"{"Table":{"TableName":"t","TableStatus":"ACTIVE"}}"#)

    @Test func recoversFromThrottlingSigningEachAttemptAfresh() async throws {
        let server = try await ScriptedHTTPServer.start(replies: [Self.throttled, Self.throttled], then: Self.tableOK)
        defer { Task { await server.stop() } }
        let credentials = CountingCredentialProvider()
        let table = try await DynamoDB(client: ScriptedClient.make(server, credentials: credentials)).describeTable(name: "t")
        #expect(table.status == "ACTIVE")
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(await credentials.calls == 3)
        for (index, request) in requests.enumerated() {
            #expect(request.header("Authorization")?.contains("Credential=AKIDATTEMPT\(index + 1)/") == true)
            #expect(request.header("X-Amz-Target") == "DynamoDB_20120810.DescribeTable")
        }
    }

    @Test func recoversFromServerErrorsAndResets() async throws {
        let server = try await ScriptedHTTPServer.start(
            replies: [.text(503, "Service Unavailable"), .reset, .xml(502, "<html>bad gateway</html>")],
            then: .xml(200, "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>AIDA</UserId></GetCallerIdentityResult></GetCallerIdentityResponse>"))
        defer { Task { await server.stop() } }
        let identity = try await STS(client: ScriptedClient.make(server, maxAttempts: 4)).getCallerIdentity()
        #expect(identity.account == "123456789012")
        #expect(server.requests.count == 4)
    }

    @Test func givesUpAfterMaxAttemptsWithTheLastError() async throws {
        let replies = (1...5).map { attempt in
            ScriptedHTTPServer.Reply.xml(500, "<ErrorResponse><Error><Code>InternalFailure</Code><Message>attempt \(attempt)</Message></Error><RequestId>r\(attempt)</RequestId></ErrorResponse>")
        }
        for maxAttempts in [1, 3, 5] {
            let server = try await ScriptedHTTPServer.start(replies: replies, then: .text(200, "unreachable"))
            do {
                _ = try await IAM(client: ScriptedClient.make(server, maxAttempts: maxAttempts)).getRole(name: "r")
                Issue.record("a call that failed \(maxAttempts) times succeeded")
            } catch let error as AWSError {
                #expect(error.code == "InternalFailure")
                #expect(error.message == "attempt \(maxAttempts)")
                #expect(error.requestId == "r\(maxAttempts)")
                #expect(error.httpStatus == 500)
                #expect(error.service == "iam" && error.action == "GetRole")
            }
            #expect(server.requests.count == maxAttempts)
            await server.stop()
        }
    }

    @Test func throttlingUntilTheLimitEndsWithTheThrottlingError() async throws {
        let server = try await ScriptedHTTPServer.start(replies: [], then: Self.throttled)
        defer { Task { await server.stop() } }
        await #expect(throws: AWSError(code: "ThrottlingException", message: "Rate exceeded", requestId: "req-throttled",
                                       httpStatus: 400, service: "dynamodb", action: "DescribeTable")) {
            _ = try await DynamoDB(client: ScriptedClient.make(server)).describeTable(name: "t")
        }
        #expect(server.requests.count == 3)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let server = try await ScriptedHTTPServer.start(
            replies: [], then: .json(400, #"{"__type":"ValidationException","message":"bad name"}"#))
        defer { Task { await server.stop() } }
        await #expect(throws: AWSError.self) {
            _ = try await DynamoDB(client: ScriptedClient.make(server)).describeTable(name: "t")
        }
        #expect(server.requests.count == 1)
    }

    @Test func anEmptyRetryQuotaStopsRetrying() async throws {
        let server = try await ScriptedHTTPServer.start(replies: [], then: .text(503, "busy"))
        defer { Task { await server.stop() } }
        let client = ScriptedClient.make(server)
        // 500 tokens pay for 100 retries: 50 calls with 2 retries each.
        for call in 1...51 {
            let before = server.requests.count
            await #expect(throws: AWSError.self) { _ = try await client.query(.sts, "GetCallerIdentity") }
            #expect(server.requests.count - before == (call <= 50 ? 3 : 1), "call \(call)")
        }
        #expect(await client.retryPolicy.quota.available == 0)
    }

    @Test func aSuccessRefundsTheQuota() async throws {
        let server = try await ScriptedHTTPServer.start(replies: [.text(503, "busy")], then: Self.tableOK)
        defer { Task { await server.stop() } }
        let client = ScriptedClient.make(server)
        _ = try await DynamoDB(client: client).describeTable(name: "t")
        #expect(await client.retryPolicy.quota.available == 500)
    }

    @Test func clockSkewIsCorrectedFromTheServersDate() async throws {
        let started = Date()
        let serverNow = started.addingTimeInterval(3600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let skewed = ScriptedHTTPServer.Reply.json(
            400, #"{"__type":"InvalidSignatureException","message":"Signature expired: 20261125T000000Z is now earlier than ..."}"#,
            headers: [("Date", formatter.string(from: serverNow))])
        let server = try await ScriptedHTTPServer.start(replies: [skewed], then: Self.tableOK)
        defer { Task { await server.stop() } }
        let clock = ClockSkewCorrector()
        _ = try await DynamoDB(client: ScriptedClient.make(server, maxAttempts: 2, clock: clock)).describeTable(name: "t")
        let requests = server.requests
        #expect(requests.count == 2)
        let amzFormatter = DateFormatter()
        amzFormatter.locale = Locale(identifier: "en_US_POSIX")
        amzFormatter.timeZone = TimeZone(identifier: "GMT")
        amzFormatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let first = try #require(requests[0].header("X-Amz-Date").flatMap(amzFormatter.date(from:)))
        let second = try #require(requests[1].header("X-Amz-Date").flatMap(amzFormatter.date(from:)))
        #expect(abs(first.timeIntervalSinceNow) < 60)
        #expect(abs(second.timeIntervalSince(serverNow)) < 60)
        // The scripted Date is fixed when the reply is scripted, so on a slow machine the
        // learned offset is 3600 s minus however long the exchange took (never more than 3600 s).
        let elapsed = Date().timeIntervalSince(started)
        let offset = await clock.offset
        #expect(offset <= 3601 && offset >= 3600 - elapsed - 1)
    }

    @Test func aRefusedConnectionIsRetriedThenReportedWithTheEndpointsSource() async throws {
        let server = try await ScriptedHTTPServer.start(replies: [], then: .text(200, ""))
        let url = server.url
        await server.stop()
        let client = AWSClient(
            region: "ap-northeast-1", credentialProvider: StaticCredentialProvider(
                .init(accessKeyId: LocalAWS.accessKeyId, secretAccessKey: LocalAWS.secretAccessKey), source: "test"),
            endpoints: EndpointResolver(explicitURL: url), retry: RetryConfiguration(maxAttempts: 2, baseDelay: .milliseconds(1)))
        do {
            _ = try await STS(client: client).getCallerIdentity()
            Issue.record("a closed port answered")
        } catch let error as AWSTransportError {
            #expect(error.kind == .connectionRefused)
            #expect("\(error)" == "cannot reach \(url) (endpoint from --endpoint-url): connection refused")
        }
    }
}

@Suite("Expired session tokens")
struct ExpiredCredentialTests {
    @Test func anExpiredTokenAnswerFetchesNewCredentialsOnce() async throws {
        let server = try await ScriptedHTTPServer.start(
            replies: [.json(400, #"{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"#)],
            then: .json(200, #"{"Table":{"TableName":"t","TableStatus":"ACTIVE"}}"#))
        defer { Task { await server.stop() } }
        let source = CountingCredentialProvider()
        let client = ScriptedClient.make(server, credentials: CachingCredentialProvider(source))
        #expect(try await DynamoDB(client: client).describeTable(name: "t").status == "ACTIVE")
        #expect(await source.calls == 2)
        #expect(server.requests[1].header("Authorization")?.contains("Credential=AKIDATTEMPT2/") == true)
    }
}
