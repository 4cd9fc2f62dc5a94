import Foundation
import Testing
import Ticketing

/// The check keeps tokens it verified; a kept token must still expire, and nothing but the exact
/// text it verified may pass on the strength of it.
@Suite("Room token check: tokens verified once")
struct VerifiedRoomTokensTests {
    let key = try! RoomTokenKey(secret: SecretValue("0123456789abcdef0123456789abcdef"))
    let issued = Date(timeIntervalSince1970: 1_900_000_000)
    var token: String { key.sign(RoomToken(userId: "user-1", eventId: "evt-0001", position: 42, issuedAt: issued)) }

    @Test func aKeptTokenStillExpires() throws {
        let check = RoomTokenCheck(key: key, maxAge: 3600)
        #expect(try check.claims(token, now: issued.addingTimeInterval(10)).position == 42)
        #expect(try check.claims(token, now: issued.addingTimeInterval(3600)).position == 42)
        #expect(throws: Problem.self) { try check.claims(token, now: issued.addingTimeInterval(3601)) }
    }

    @Test func anotherSignatureOnAKeptPayloadIsRefused() throws {
        let check = RoomTokenCheck(key: key, maxAge: 3600)
        _ = try check.claims(token, now: issued)
        let payload = token.split(separator: ".")[0]
        let otherKey = try RoomTokenKey(secret: SecretValue(String(repeating: "z", count: 32)))
        let otherSignature = otherKey.sign(RoomToken(userId: "user-1", eventId: "evt-0001", position: 42, issuedAt: issued))
            .split(separator: ".")[1]
        do {
            _ = try check.claims("\(payload).\(otherSignature)", now: issued)
            Issue.record("a token signed with another key passed the check")
        } catch let problem as Problem {
            #expect(problem.status == 401)
        }
    }

    @Test func aTokenKeptByOneKeysCheckIsNotTrustedByAnother() throws {
        let otherKey = try RoomTokenKey(secret: SecretValue(String(repeating: "z", count: 32)))
        let check = RoomTokenCheck(key: key)
        _ = try check.claims(token, now: issued)
        _ = try check.claims(token, now: issued)
        #expect(throws: Problem.self) { try RoomTokenCheck(key: otherKey).claims(token, now: issued) }
    }

    @Test func aFullCacheStartsOverAndStillAnswers() throws {
        let check = RoomTokenCheck(key: key, maxAge: 3600, verified: VerifiedRoomTokens(capacity: 2))
        for position in 1...5 {
            let text = key.sign(RoomToken(userId: "user-\(position)", eventId: "evt-0001", position: Int64(position), issuedAt: issued))
            #expect(try check.claims(text, now: issued).position == Int64(position))
            #expect(try check.claims(text, now: issued).position == Int64(position))
        }
    }
}
