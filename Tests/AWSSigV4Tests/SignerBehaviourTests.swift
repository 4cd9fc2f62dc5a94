@testable import AWSSigV4
import Foundation
import Testing

/// What the signer does to a request beyond the canonical-request maths: which headers it
/// adds or replaces, how it treats tokens and payload options, and what it never reveals.
@Suite("Signer behaviour")
struct SignerBehaviourTests {
    static let credentials = AWSCredentials(
        accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "TOKEN-VALUE")
    static let date = Date(timeIntervalSince1970: 1_440_938_160) // 20150830T123600Z
    let signer = SigV4Signer(credentials: SignerBehaviourTests.credentials, region: "ap-northeast-1", service: "sqs")

    private func request(_ url: String, headers: [(name: String, value: String)] = [], payload: SigV4Payload = .bytes([])) -> SigV4Request {
        SigV4Request(method: "POST", url: url, headers: headers, payload: payload)
    }

    @Test("credentials never print their secret or token")
    func credentialsRedaction() {
        let text = "\(Self.credentials) \(String(reflecting: Self.credentials))"
        #expect(!text.contains(Self.credentials.secretAccessKey))
        #expect(!text.contains("TOKEN-VALUE"))
        #expect(text.contains("AKIDEXAMPLE"))
    }

    @Test("adds Host, token, date and Authorization after the request's headers")
    func addedHeaders() {
        let signed = signer.sign(request("https://SQS.ap-northeast-1.amazonaws.com:443/", headers: [("X-Amz-Target", "A.B")]), date: Self.date)
        #expect(signed.headers.map(\.name) == ["Host", "X-Amz-Target", "X-Amz-Security-Token", "X-Amz-Date", "Authorization"])
        #expect(signed.headerValues("host") == ["sqs.ap-northeast-1.amazonaws.com"])
        #expect(signed.headerValues("x-amz-date") == ["20150830T123600Z"])
        let authorization = signed.headerValues("Authorization").first ?? ""
        #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/ap-northeast-1/sqs/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-security-token;x-amz-target, Signature="))
    }

    @Test("Host from the URL keeps non-default ports only", arguments: [
        ("http://127.0.0.1:4566/", "127.0.0.1:4566"), ("http://h:80/", "h"), ("https://h:80/", "h:80"),
        ("https://user:pw@H.example/", "h.example"), ("http://[::1]:4566/x", "[::1]:4566"), ("https://[::1]/", "[::1]"),
    ])
    func hostFromURL(_ url: String, _ host: String) {
        #expect(signer.sign(request(url), date: Self.date).headerValues("Host") == [host])
    }

    @Test("an explicit Host header is kept as is")
    func explicitHost() {
        let signed = signer.sign(request("http://127.0.0.1:4566/", headers: [("host", "sqs.amazonaws.com")]), date: Self.date)
        #expect(signed.headers.filter { $0.name.lowercased() == "host" }.map(\.value) == ["sqs.amazonaws.com"])
    }

    @Test("signing again (a retry) replaces the signer's own headers instead of stacking them")
    func reSigning() {
        let once = signer.sign(request("https://h/"), date: Self.date)
        let later = signer.sign(once, date: Self.date.addingTimeInterval(90))
        #expect(later.headers.count == once.headers.count)
        #expect(later.headerValues("X-Amz-Date") == ["20150830T123730Z"])
        #expect(later.headerValues("Authorization").count == 1)
        #expect(signer.sign(once, date: Self.date).headerValues("Authorization") == once.headerValues("Authorization"))
    }

    @Test("an unsigned session token is sent but left out of SignedHeaders")
    func unsignedToken() {
        var options = SigV4Options()
        options.signSessionToken = false
        let (signed, artifacts) = signer.signWithArtifacts(request("https://h/"), date: Self.date, options: options)
        #expect(signed.headerValues("X-Amz-Security-Token") == ["TOKEN-VALUE"])
        #expect(!artifacts.canonicalRequest.contains("TOKEN-VALUE"))
        #expect(signed.headerValues("Authorization").first?.contains("SignedHeaders=host;x-amz-date,") == true)
    }

    @Test("without a session token no token header is added, and one already present is signed as sent")
    func noToken() {
        var signer = signer
        signer.credentials.sessionToken = nil
        let signed = signer.sign(request("https://h/", headers: [("X-Amz-Security-Token", "caller-set")]), date: Self.date)
        #expect(signed.headerValues("X-Amz-Security-Token") == ["caller-set"])
    }

    @Test("UNSIGNED-PAYLOAD with x-amz-content-sha256")
    func unsignedPayload() {
        var options = SigV4Options()
        options.addContentSHA256Header = true
        let (signed, artifacts) = signer.signWithArtifacts(
            request("https://h/", headers: [("X-Amz-Content-SHA256", "stale")], payload: .unsigned), date: Self.date, options: options)
        #expect(signed.headerValues("x-amz-content-sha256") == ["UNSIGNED-PAYLOAD"])
        #expect(artifacts.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
        #expect(artifacts.canonicalRequest.contains("x-amz-content-sha256:UNSIGNED-PAYLOAD\n"))
    }

    @Test("a precomputed payload hash is used verbatim and equals hashing the bytes")
    func precomputedPayload() {
        let body = Array("{\"a\":1}".utf8)
        let hashed = signer.signWithArtifacts(request("https://h/", payload: .bytes(body)), date: Self.date).1
        let given = signer.signWithArtifacts(request("https://h/", payload: .precomputed(SHA256Hex.digest(body))), date: Self.date).1
        #expect(hashed.signature == given.signature)
        #expect(hashed.canonicalRequest.hasSuffix("\n" + SHA256Hex.digest(body)))
    }

    @Test("the S3 options sign the wire path as sent and add the payload hash header")
    func s3Options() {
        let s3 = SigV4Signer(credentials: Self.credentials, region: "ap-northeast-1", service: "s3")
        let (signed, artifacts) = s3.signWithArtifacts(
            SigV4Request(method: "PUT", url: "https://b.s3.amazonaws.com/a%20b//../c", headers: [], payload: .bytes([])),
            date: Self.date, options: .s3)
        #expect(artifacts.canonicalRequest.hasPrefix("PUT\n/a%20b//../c\n\n"))
        #expect(signed.headerValues("x-amz-content-sha256") == [SHA256Hex.empty])
    }

    @Test("the fragment is not signed and the method is signed as sent")
    func fragmentAndMethod() {
        let artifacts = signer.signWithArtifacts(
            SigV4Request(method: "get", url: "https://h/p?q=1#frag", headers: [], payload: .bytes([])), date: Self.date).1
        #expect(artifacts.canonicalRequest.hasPrefix("get\n/p\nq=1\n"))
    }

    @Test("a presigned URL keeps the request's query and appends the auth parameters in order")
    func presignLayout() {
        let url = signer.presign(request("https://h/p%20q?b=2&a=1"), date: Self.date, expires: 300)
        let query = url.split(separator: "?", maxSplits: 1)[1]
        let names = query.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1)[0] }
        #expect(url.hasPrefix("https://h/p%20q?b=2&a=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&"))
        #expect(names == ["b", "a", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders",
                          "X-Amz-Expires", "X-Amz-Security-Token", "X-Amz-Signature"])
        #expect(url.contains("X-Amz-Expires=300&"))
        #expect(url.contains("X-Amz-Security-Token=TOKEN-VALUE&"))
    }

    @Test("presigning a presigned URL replaces its auth parameters")
    func rePresign() {
        let first = signer.presign(request("https://h/x?a=1"), date: Self.date, expires: 60)
        let second = signer.presign(request(first), date: Self.date, expires: 60)
        #expect(first == second)
    }
}
