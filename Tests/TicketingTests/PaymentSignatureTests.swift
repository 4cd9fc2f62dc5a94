import Foundation
import Testing
import Ticketing

@Suite("Payment callback signature: HMAC over timestamp and body")
struct PaymentSignatureTests {
    let signer = PaymentSignature(secret: SecretValue("whsec-0123456789abcdef0123456789ab"))
    let body = Data(#"{"intentId":"x","outcome":"approved"}"#.utf8)
    let now = Date(timeIntervalSince1970: 1_900_000_000)

    @Test func verifiesItsOwnHeader() throws {
        let header = signer.header(for: body, at: now)
        #expect(header.hasPrefix("t=1900000000,v1="))
        try signer.verify(header: header, body: body, now: now.addingTimeInterval(299))
        try signer.verify(header: header, body: body, now: now.addingTimeInterval(-300))
    }

    @Test("The MAC is HMAC-SHA256(secret, \"<t>.\" + body), independently computed")
    func knownAnswer() throws {
        // openssl dgst -sha256 -hmac 'whsec-0123456789abcdef0123456789ab' of '1900000000.' + body
        let expected = try openssl(secret: "whsec-0123456789abcdef0123456789ab",
                                   message: Data("1900000000.".utf8) + body)
        #expect(signer.header(for: body, at: now) == "t=1900000000,v1=\(expected)")
    }

    @Test func refusesAnotherBodyOrSecret() {
        let header = signer.header(for: body, at: now)
        #expect(throws: PaymentSignatureError.mismatch) {
            try signer.verify(header: header, body: body + Data(" ".utf8), now: now)
        }
        let other = PaymentSignature(secret: SecretValue("another-secret-0123456789abcdef012"))
        #expect(throws: PaymentSignatureError.mismatch) { try other.verify(header: header, body: body, now: now) }
        // A re-stamped old signature: the timestamp is part of what is signed.
        let restamped = header.replacingOccurrences(of: "t=1900000000", with: "t=1900000100")
        #expect(throws: PaymentSignatureError.mismatch) {
            try signer.verify(header: restamped, body: body, now: now.addingTimeInterval(100))
        }
    }

    @Test func refusesOutsideTolerance() {
        let header = signer.header(for: body, at: now)
        #expect(throws: PaymentSignatureError.outsideTolerance) {
            try signer.verify(header: header, body: body, now: now.addingTimeInterval(301))
        }
        #expect(throws: PaymentSignatureError.outsideTolerance) {
            try signer.verify(header: header, body: body, now: now.addingTimeInterval(-301))
        }
    }

    @Test("Malformed headers", arguments: [
        "t=1900000000", "v1=" + String(repeating: "a", count: 64), "t=abc,v1=" + String(repeating: "a", count: 64),
        "t=1900000000,v1=zz", "t=1900000000,v1=" + String(repeating: "A", count: 64),
        "t=1,t=2,v1=" + String(repeating: "a", count: 64), "t=1900000000,v2=" + String(repeating: "a", count: 64),
        "garbage",
    ])
    func malformed(header: String) {
        #expect(throws: PaymentSignatureError.malformed) { try signer.verify(header: header, body: Data(), now: now) }
    }

    @Test func missingHeader() {
        #expect(throws: PaymentSignatureError.missing) { try signer.verify(header: nil, body: body, now: now) }
        #expect(PaymentSignatureError.missing.problem.status == 401)
    }

    @Test("Any one of several v1 entries may match (secret rotation)")
    func rotation() throws {
        let old = PaymentSignature(secret: SecretValue("old-secret-0123456789abcdef0123456"))
        let fresh = signer.header(for: body, at: now)
        let stale = old.header(for: body, at: now)
        let both = stale + "," + fresh.split(separator: ",")[1]
        try signer.verify(header: both, body: body, now: now)
        try old.verify(header: both, body: body, now: now)
    }

    private func openssl(secret: String, message: Data) throws -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("sig-\(UUID().uuidString)")
        try message.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "dgst", "-sha256", "-hmac", secret, "-r", input.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(process.terminationStatus == 0, "openssl failed")
        return String(output.prefix(64))
    }
}
