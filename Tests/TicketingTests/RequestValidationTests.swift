import Foundation
import Testing
import Ticketing

@Suite("Request bodies: strict decoding and field-named problems")
struct RequestValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let body: String
        let code: ErrorCode
        let fields: [String]
        var testDescription: String { body }
    }

    private func decodeProblem<Request: ValidatableRequest>(_ type: Request.Type, _ body: String) -> Problem? {
        do {
            _ = try RequestDecoder.decode(type, from: Data(body.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test("Valid bodies decode", arguments: [
        #"{"userId":"user-1","eventId":"evt-0001"}"#,
        #"{ "eventId" : "E", "userId" : "u_2" }"#,
    ])
    func validEnter(body: String) throws {
        let request = try RequestDecoder.decode(EnterRequest.self, from: Data(body.utf8))
        #expect(!request.userId.isEmpty)
    }

    @Test("Bad enter bodies", arguments: [
        Case(body: "", code: .malformedJSON, fields: []),
        Case(body: "{", code: .malformedJSON, fields: []),
        Case(body: "[]", code: .validationFailed, fields: ["(body)"]),
        Case(body: #"{"userId":"u"}"#, code: .validationFailed, fields: ["eventId"]),
        Case(body: #"{"userId":"u","eventId":null}"#, code: .validationFailed, fields: ["eventId"]),
        Case(body: #"{"userId":"u","eventId":"e","admin":true}"#, code: .validationFailed, fields: ["admin"]),
        Case(body: #"{"userId":7,"eventId":"e"}"#, code: .validationFailed, fields: ["userId"]),
        Case(body: #"{"userId":"","eventId":"e"}"#, code: .validationFailed, fields: ["userId"]),
        Case(body: #"{"userId":"u 1","eventId":"-e"}"#, code: .validationFailed, fields: ["userId", "eventId"]),
        Case(body: #"{"userId":"u","eventId":"\#(String(repeating: "e", count: 65))"}"#, code: .validationFailed,
             fields: ["eventId"]),
    ])
    func badEnter(example: Case) throws {
        let problem = try #require(decodeProblem(EnterRequest.self, example.body))
        #expect(problem.code == example.code)
        #expect(problem.status == 400)
        #expect((problem.errors ?? []).map(\.field) == example.fields)
    }

    @Test("Bad seat lists in payment-intent and commit", arguments: [
        Case(body: #"{"userId":"u","eventId":"e","seatIds":[]}"#, code: .validationFailed, fields: ["seatIds"]),
        Case(body: #"{"userId":"u","eventId":"e","seatIds":"A1"}"#, code: .validationFailed, fields: ["seatIds"]),
        Case(body: #"{"userId":"u","eventId":"e","seatIds":["A1",2]}"#, code: .validationFailed, fields: ["seatIds[1]"]),
        Case(body: #"{"userId":"u","eventId":"e","seatIds":["A1","A2","A1"]}"#, code: .validationFailed,
             fields: ["seatIds[2]"]),
        Case(body: #"{"userId":"u","eventId":"e","seatIds":["A1","b d"]}"#, code: .validationFailed,
             fields: ["seatIds[1]"]),
        Case(body: #"{"userId":"u","eventId":"e","seatIds":[\#((1...11).map { "\"S\($0)\"" }.joined(separator: ","))]}"#,
             code: .validationFailed, fields: ["seatIds"]),
    ])
    func badSeatIds(example: Case) throws {
        let problem = try #require(decodeProblem(PaymentIntentRequest.self, example.body))
        #expect(problem.code == example.code)
        #expect((problem.errors ?? []).map(\.field) == example.fields)
    }

    @Test("Every request type names its own bad fields")
    func everyRequestType() throws {
        let hold = try #require(decodeProblem(HoldRequest.self, #"{"eventId":"e","seatId":"a/b"}"#))
        #expect(hold.errors?.map(\.field) == ["seatId"])
        let release = try #require(decodeProblem(ReleaseRequest.self, #"{"eventId":"e","seatId":"s","holdId":"nope"}"#))
        #expect(release.errors?.map(\.field) == ["holdId"])
        let commit = try #require(decodeProblem(CommitRequest.self,
            #"{"intentId":"x","eventId":"e","seatIds":["s"],"userId":""}"#))
        #expect(commit.errors?.map(\.field) == ["intentId", "userId"])
        let callback = try #require(decodeProblem(PaymentCallback.self,
            #"{"intentId":"\#(Samples.intentId)","paymentRef":"","outcome":"approved","amount":-1,"currency":"yen"}"#))
        #expect(callback.errors?.map(\.field) == ["paymentRef", "amount", "currency"])
        let outcome = try #require(decodeProblem(PaymentCallback.self,
            #"{"intentId":"\#(Samples.intentId)","paymentRef":"p","outcome":"maybe","amount":1,"currency":"JPY"}"#))
        #expect(outcome.errors?.map(\.field) == ["outcome"])
        let valid = try RequestDecoder.decode(CommitRequest.self, from: Data(
            #"{"intentId":"\#(Samples.intentId)","eventId":"e","seatIds":["s1","s2"],"userId":"u"}"#.utf8))
        #expect(valid.seatIds == ["s1", "s2"])
    }

    @Test("Header and query rules name the header")
    func headerRules() {
        #expect(FieldRules.idempotencyKey(nil, field: IdempotencyHeaders.key)?.field == "Idempotency-Key")
        #expect(FieldRules.idempotencyKey("short", field: IdempotencyHeaders.key) != nil)
        #expect(FieldRules.idempotencyKey("commit-key-0001", field: IdempotencyHeaders.key) == nil)
    }

    @Test("A problem serialises as problem+json with the code's status and type")
    func problemShape() throws {
        let problem = Problem.validation([FieldProblem(field: "seatIds[1]", message: "repeats A1")]).at("/confirm/commit")
        let json = try JSONDecoder().decode(RequestJSON.self, from: JSONCoding.makeEncoder().encode(problem))
        #expect(json == .object([
            "type": .string("urn:tps:problem:validation-failed"), "title": .string(ErrorCode.validationFailed.title),
            "status": .integer(400), "code": .string("validation-failed"), "detail": .string("seatIds[1]: repeats A1"),
            "instance": .string("/confirm/commit"),
            "errors": .array([.object(["field": .string("seatIds[1]"), "message": .string("repeats A1")])]),
        ]))
        #expect(problem.description == "400 validation-failed: seatIds[1]: repeats A1")
        #expect(Problem(.seatUnavailable).status == 409)
        #expect(Problem(.idempotencyKeyReused).status == 422)
    }
}
