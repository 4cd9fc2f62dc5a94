import Foundation
import Testing
import Ticketing

@Suite("Idempotency: canonical fingerprints and the replay/422 decision")
struct FingerprintTests {
    let operation = PaymentIntentRequest.operation

    @Test("Key order and whitespace do not change the fingerprint")
    func keyOrderIndependent() throws {
        let a = try RequestFingerprint(operation: operation, body: Data(#"{"userId":"u","eventId":"e","seatIds":["A1","A2"]}"#.utf8))
        let b = try RequestFingerprint(operation: operation, body: Data("""
            {
              "seatIds" : [ "A1", "A2" ],
              "eventId" : "e", "userId": "u"
            }
            """.utf8))
        let model = try RequestFingerprint(operation: operation,
                                           encoding: PaymentIntentRequest(userId: "u", eventId: "e", seatIds: ["A1", "A2"]))
        #expect(a == b)
        #expect(a == model)
        #expect(a.hex.count == 64 && a.hex.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test("Values, array order and the operation do change it")
    func sensitive() throws {
        let base = try RequestFingerprint(operation: operation, body: Data(#"{"a":["x","y"],"n":1}"#.utf8))
        for body in [#"{"a":["y","x"],"n":1}"#, #"{"a":["x","y"],"n":2}"#, #"{"a":["x","y"],"n":"1"}"#,
                     #"{"a":["x","y"],"n":1,"m":null}"#] {
            #expect(try RequestFingerprint(operation: operation, body: Data(body.utf8)) != base, "\(body)")
        }
        #expect(try RequestFingerprint(operation: CommitRequest.operation, body: Data(#"{"a":["x","y"],"n":1}"#.utf8)) != base)
    }

    @Test("Canonical form: sorted keys, no spaces, minimal escapes, integral numbers")
    func canonicalForm() throws {
        let body = #"{"b":1.0,"a":{"z":true,"y":null},"é":"tab\tquote\"slash/","c":[1.5,-0,1e2]}"#
        let canonical = String(decoding: try CanonicalJSON.data(parsing: Data(body.utf8)), as: UTF8.self)
        #expect(canonical == #"{"a":{"y":null,"z":true},"b":1,"c":[1.5,0,100],"é":"tab\tquote\"slash/"}"#)
        let control = String(decoding: CanonicalJSON.data(.string("\u{01}")), as: UTF8.self)
        #expect(control == #""\u0001""#)
    }

    @Test("Not JSON is an error, not a fingerprint")
    func notJSON() {
        #expect(throws: (any Error).self) { try RequestFingerprint(operation: operation, body: Data("{".utf8)) }
    }

    @Test("Same key + same body → replay; different body → 422; unfinished → 409; new → execute")
    func decision() throws {
        let first = try RequestFingerprint(operation: operation, body: Data(#"{"x":1}"#.utf8))
        let same = try RequestFingerprint(operation: operation, body: Data(#"{ "x" : 1 }"#.utf8))
        let other = try RequestFingerprint(operation: operation, body: Data(#"{"x":2}"#.utf8))
        let done = IdempotencyRecord(fingerprint: first, outcome: "intent-1")
        let running = IdempotencyRecord<String>(fingerprint: first, outcome: nil)

        guard case .execute = IdempotencyDecision<String>.decide(stored: nil, incoming: first) else {
            Issue.record("a new key must execute"); return
        }
        guard case .replay(let outcome) = IdempotencyDecision.decide(stored: done, incoming: same) else {
            Issue.record("same body must replay"); return
        }
        #expect(outcome == "intent-1")
        let reused = IdempotencyDecision.decide(stored: done, incoming: other)
        #expect(reused.problem?.status == 422 && reused.problem?.code == .idempotencyKeyReused)
        let alsoReused = IdempotencyDecision.decide(stored: running, incoming: other)
        #expect(alsoReused.problem?.code == .idempotencyKeyReused)
        let inProgress = IdempotencyDecision.decide(stored: running, incoming: same)
        #expect(inProgress.problem?.status == 409 && inProgress.problem?.code == .idempotencyInProgress)
        #expect(IdempotencyDecision.decide(stored: done, incoming: same).problem == nil)
    }
}

/// Issue 13: the order of seatIds does not change what a request asks for.
@Suite struct SeatOrderFingerprintTests {
    @Test func seatOrderDoesNotChangeTheFingerprint() throws {
        let a = PaymentIntentRequest(userId: "u", eventId: "e", seatIds: ["A2", "A1"])
        let b = PaymentIntentRequest(userId: "u", eventId: "e", seatIds: ["A1", "A2"])
        #expect(try a.fingerprint() == b.fingerprint())
        #expect(try a.fingerprint() != PaymentIntentRequest(userId: "u", eventId: "e", seatIds: ["A1"]).fingerprint())
        let c = CommitRequest(intentId: Samples.intentId, eventId: "e", seatIds: ["B", "A"], userId: "u")
        let d = CommitRequest(intentId: Samples.intentId, eventId: "e", seatIds: ["A", "B"], userId: "u")
        #expect(try c.fingerprint() == d.fingerprint())
        #expect(try c.fingerprint() != CommitRequest(intentId: Samples.intentId, eventId: "e", seatIds: ["A", "B"],
                                                     userId: "v").fingerprint())
    }
}
