import AWSSigV4
import Foundation
import Testing

/// The official AWS SigV4 test suite (aws-c-auth, `Fixtures/v4`): every case, both the
/// header-signed and the presigned (query) variant, checked step by step.
@Suite("Official AWS SigV4 suite")
struct OfficialSuiteTests {
    static let caseNames = OfficialSuiteCase.allNames()

    @Test("all 38 cases are present")
    func allCasesArePresent() throws {
        #expect(Self.caseNames.count == 38, "found \(Self.caseNames.count) case folders in Fixtures/v4")
    }

    @Test("header signing", arguments: OfficialSuiteTests.caseNames)
    func headerSigning(_ name: String) throws {
        let suiteCase = try OfficialSuiteCase.load(name)
        let (signed, artifacts) = suiteCase.signer.signWithArtifacts(
            try suiteCase.request.signerRequest(), date: try suiteCase.signingDate(), options: suiteCase.options)

        #expect(artifacts.canonicalRequest == suiteCase.header.canonicalRequest, "\(name): canonical request")
        #expect(artifacts.stringToSign == suiteCase.header.stringToSign, "\(name): string to sign")
        #expect(artifacts.signature == suiteCase.header.signature, "\(name): signature")

        var rendered = suiteCase.request
        rendered.headers = signed.headers.map { .init(name: $0.name, value: $0.value) }
        #expect(rendered.render() == suiteCase.header.signedRequest, "\(name): signed request")
    }

    @Test("presigned URL", arguments: OfficialSuiteTests.caseNames)
    func presigning(_ name: String) throws {
        let suiteCase = try OfficialSuiteCase.load(name)
        let request = try suiteCase.request.signerRequest()
        let (url, artifacts) = suiteCase.signer.presignWithArtifacts(
            request, date: try suiteCase.signingDate(), expires: suiteCase.context.expirationInSeconds,
            options: suiteCase.options)

        #expect(artifacts.canonicalRequest == suiteCase.query.canonicalRequest, "\(name): canonical request")
        #expect(artifacts.stringToSign == suiteCase.query.stringToSign, "\(name): string to sign")
        #expect(artifacts.signature == suiteCase.query.signature, "\(name): signature")

        let host = try #require(suiteCase.request.host)
        let origin = "https://\(host)"
        #expect(url.hasPrefix(origin), "\(name): presigned URL keeps scheme and host")
        var rendered = suiteCase.request
        rendered.target = String(url.dropFirst(origin.count))
        #expect(rendered.render() == suiteCase.query.signedRequest, "\(name): signed request")
    }

    @Test("the presign wrapper returns the same URL as presignWithArtifacts")
    func presignMatchesArtifactsVariant() throws {
        let suiteCase = try OfficialSuiteCase.load("get-vanilla-with-session-token")
        let request = try suiteCase.request.signerRequest()
        let date = try suiteCase.signingDate()
        let expires = suiteCase.context.expirationInSeconds
        #expect(suiteCase.signer.presign(request, date: date, expires: expires)
            == suiteCase.signer.presignWithArtifacts(request, date: date, expires: expires).0)
        #expect(suiteCase.signer.sign(request, date: date).headers.map(\.value)
            == suiteCase.signer.signWithArtifacts(request, date: date).0.headers.map(\.value))
    }
}

@Suite("Suite request.txt parser")
struct HTTPRequestFileTests {
    @Test("multi-line values, spaces in the target, body")
    func parsesTheSuiteLayout() throws {
        let text = "POST /a b?x=1 HTTP/1.1\nHost:h\nMy-Header1:value1\n  value2\n\tvalue3\n\nbody"
        let parsed = try HTTPRequestFile(parsing: text, source: "inline")
        #expect(parsed.method == "POST")
        #expect(parsed.target == "/a b?x=1")
        #expect(parsed.headers == [.init(name: "Host", value: "h"), .init(name: "My-Header1", value: "value1\n  value2\n\tvalue3")])
        #expect(parsed.body == Array("body".utf8))
        #expect(parsed.render() == text)
    }

    @Test("a header line without a colon is reported with its line number")
    func reportsBadHeaderLines() {
        let error = #expect(throws: HTTPRequestFile.ParseError.self) {
            try HTTPRequestFile(parsing: "GET / HTTP/1.1\nHost:h\nbroken\n", source: "x")
        }
        #expect(error?.description == "x:3: header line has no `:`")
    }
}
