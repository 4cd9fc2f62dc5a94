import Foundation
import Testing
import Ticketing

@Suite("Room tokens: HMAC-signed, tamper-evident, expiring")
struct RoomTokenTests {
    let key = try! RoomTokenKey(secret: SecretValue("0123456789abcdef0123456789abcdef"))
    let issued = Date(timeIntervalSince1970: 1_900_000_000)
    var claims: RoomToken { RoomToken(userId: "user-1", eventId: "evt-0001", position: 42, issuedAt: issued) }

    @Test func signsAndVerifies() throws {
        let token = key.sign(claims)
        #expect(FieldRules.isRoomTokenShape(token))
        let verified = try key.verify(token, now: issued.addingTimeInterval(30), maxAge: 3600)
        #expect(verified == claims)
        #expect(verified.position == 42 && verified.issuedAt == 1_900_000_000)
    }

    @Test func signingIsDeterministic() {
        #expect(key.sign(claims) == key.sign(claims))
    }

    @Test("Any changed byte of payload or signature is refused")
    func tamper() throws {
        let token = key.sign(claims)
        let forged = RoomToken(userId: "user-1", eventId: "evt-0001", position: 1, issuedAt: issued)
        let forgedPayload = String(key.sign(forged).split(separator: ".")[0])
        let signature = String(token.split(separator: ".")[1])
        #expect(throws: RoomTokenError.signatureMismatch) {
            try key.verify(forgedPayload + "." + signature, now: issued, maxAge: 3600)
        }
        // Flip the top bit of a base64url digit: always significant, even in the last digit.
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var bytes = Array(token.utf8)
        for index in [0, bytes.count / 2, bytes.count - 1] where bytes[index] != UInt8(ascii: ".") {
            let original = bytes[index]
            bytes[index] = alphabet[alphabet.firstIndex(of: original)! ^ 0b10_0000]
            #expect(throws: RoomTokenError.self) {
                try key.verify(String(decoding: bytes, as: UTF8.self), now: issued, maxAge: 3600)
            }
            bytes[index] = original
        }
        let otherKey = try RoomTokenKey(secret: SecretValue(String(repeating: "z", count: 32)))
        #expect(throws: RoomTokenError.signatureMismatch) { try otherKey.verify(token, now: issued, maxAge: 3600) }
    }

    @Test("Malformed tokens", arguments: ["", "abc", "a.b.c", ".sig", "payload.", "pay load.sig", "p.c2ln"])
    func malformed(token: String) {
        #expect(throws: RoomTokenError.malformed) { try key.verify(token, now: Date(), maxAge: 3600) }
    }

    @Test("Expiry at maxAge, and tokens from the future")
    func expiry() throws {
        let token = key.sign(claims)
        _ = try key.verify(token, now: issued.addingTimeInterval(3600), maxAge: 3600)
        #expect(throws: RoomTokenError.expired) {
            try key.verify(token, now: issued.addingTimeInterval(3601), maxAge: 3600)
        }
        _ = try key.verify(token, now: issued.addingTimeInterval(-RoomTokenKey.allowedClockSkew), maxAge: 3600)
        #expect(throws: RoomTokenError.issuedInFuture) {
            try key.verify(token, now: issued.addingTimeInterval(-RoomTokenKey.allowedClockSkew - 1), maxAge: 3600)
        }
        #expect(RoomTokenError.expired.problem.code == .roomTokenExpired)
        #expect(RoomTokenError.signatureMismatch.problem.code == .roomTokenInvalid)
        #expect(RoomTokenError.expired.problem.status == 401)
    }

    @Test("A key shorter than 32 bytes is refused")
    func shortKey() {
        #expect(throws: RoomTokenKey.KeyError.tooShort(bytes: 31)) {
            try RoomTokenKey(secret: SecretValue(String(repeating: "k", count: 31)))
        }
    }
}
