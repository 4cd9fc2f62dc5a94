@testable import AWSSigV4
import Crypto
import Foundation
import Testing

@Suite("Signing key")
struct SigningKeyTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    @Test("derivation matches AWS's documented example (20120215/us-east-1/iam)")
    func documentedExample() {
        let key = SigV4SigningKey(secretAccessKey: Self.secret, day: "20120215", region: "us-east-1", service: "iam")
        let bytes = key.key.withUnsafeBytes { Array($0) }
        #expect(Hex.encode(bytes) == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
        #expect(key.signature(for: "hello") == "bce4f9ae344703e7c93781b5206338e5fe916ba30964e71e70af62924e39ba09")
    }

    @Test("description shows the scope, never key material")
    func redaction() {
        let key = SigV4SigningKey(secretAccessKey: Self.secret, day: "20120215", region: "us-east-1", service: "iam")
        #expect("\(key)" == "SigV4SigningKey(scope: 20120215/us-east-1/iam/aws4_request, key: <redacted>)")
    }

    @Test("the cache derives once per scope and credentials")
    func cacheReuse() {
        let cache = SigV4SigningKeyCache(capacity: 3)
        let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: Self.secret)
        let first = cache.key(for: credentials, day: "20120215", region: "us-east-1", service: "iam")
        let again = cache.key(for: credentials, day: "20120215", region: "us-east-1", service: "iam")
        #expect(first.signature(for: "x") == again.signature(for: "x"))
        #expect(cache.count == 1)
        _ = cache.key(for: credentials, day: "20120216", region: "us-east-1", service: "iam")
        var rotated = credentials
        rotated.secretAccessKey = "another-secret"
        let other = cache.key(for: rotated, day: "20120215", region: "us-east-1", service: "iam")
        #expect(other.signature(for: "x") != first.signature(for: "x"))
        #expect(cache.count == 3)
        _ = cache.key(for: credentials, day: "20120217", region: "us-east-1", service: "iam")
        #expect(cache.count == 1, "a full cache starts over")
    }

    @Test("a shared cache signs the same as no cache, from many tasks at once")
    func concurrentSigning() async {
        let cache = SigV4SigningKeyCache()
        let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: Self.secret, sessionToken: "token")
        let plain = SigV4Signer(credentials: credentials, region: "ap-northeast-1", service: "sqs")
        let cached = SigV4Signer(credentials: credentials, region: "ap-northeast-1", service: "sqs", signingKeyCache: cache)
        let request = SigV4Request(
            method: "POST", url: "https://sqs.ap-northeast-1.amazonaws.com/", headers: [], payload: .bytes(Array("Action=ListQueues".utf8)))
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let expected = plain.signWithArtifacts(request, date: date).1.signature
        let signatures = await withTaskGroup(of: String.self) { group in
            for offset in 0..<64 {
                group.addTask { cached.signWithArtifacts(request, date: date.addingTimeInterval(Double(offset % 2))).1.signature }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(signatures.count == 64)
        #expect(signatures.contains(expected))
        #expect(Set(signatures).count == 2, "two distinct timestamps, two signatures")
        #expect(cache.count == 1, "both timestamps fall on the same day")
    }
}
