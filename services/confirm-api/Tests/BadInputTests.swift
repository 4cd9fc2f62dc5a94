import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Ticketing

/// Bad input on every /confirm endpoint is a 4xx application/problem+json, never a 5xx.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let uri: String
        let body: String?
        let key: String?
        let signature: String?
        let status: Int
        var testDescription: String { "\(method) \(uri) \(body ?? "-") key=\(key ?? "-") → \(status)" }

        init(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil, key: String? = "key-bad-input-1",
             signature: String? = nil, status: Int) {
            (self.method, self.uri, self.body, self.key, self.signature, self.status) =
                (method, uri, body, key, signature, status)
        }
    }

    static let intent = #"{"userId":"u-bad","eventId":"evt-0001","seatIds":["S02-00001"]}"#
    static let commit = #"{"intentId":"\#(UUID().uuidString)","eventId":"evt-0001","seatIds":["S02-00001"],"userId":"u-bad"}"#
    static let cases: [Case] = [
        Case(.post, "/confirm/payment-intent", body: intent, key: nil, status: 400),
        Case(.post, "/confirm/payment-intent", body: intent, key: "short", status: 400),
        Case(.post, "/confirm/payment-intent", body: intent, key: "has space in it", status: 400),
        Case(.post, "/confirm/payment-intent", body: "", status: 400),
        Case(.post, "/confirm/payment-intent", body: "{", status: 400),
        Case(.post, "/confirm/payment-intent", body: "[]", status: 400),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u","eventId":"evt-0001"}"#, status: 400),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u","eventId":"evt-0001","seatIds":[]}"#, status: 400),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u","eventId":"evt-0001","seatIds":["a","a"]}"#, status: 400),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u","eventId":"evt-0001","seatIds":[1]}"#, status: 400),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u/x","eventId":"evt-0001","seatIds":["a"]}"#, status: 400),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u","eventId":"evt-0001","seatIds":["a"],"amount":1}"#, status: 400),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u","eventId":"evt-9999","seatIds":["a"]}"#, status: 404),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u","eventId":"evt-0001","seatIds":["S09-00001"]}"#, status: 404),
        Case(.post, "/confirm/payment-intent", body: #"{"userId":"u","eventId":"evt-0001","seatIds":["S02-00001"]}"#, status: 409),
        Case(.post, "/confirm/payment-intent", body: String(repeating: " ", count: 20_000) + intent, status: 400),
        Case(.post, "/confirm/commit", body: commit, key: nil, status: 400),
        Case(.post, "/confirm/commit", body: "null", status: 400),
        Case(.post, "/confirm/commit", body: #"{"intentId":"nope","eventId":"evt-0001","seatIds":["a"],"userId":"u"}"#, status: 400),
        Case(.post, "/confirm/commit", body: #"{"intentId":"\#(UUID().uuidString)","eventId":"","seatIds":["a"],"userId":"u"}"#, status: 400),
        Case(.post, "/confirm/commit", body: commit, status: 404),
        Case(.post, "/confirm/payment-callback", body: "{}", key: nil, status: 401),
        Case(.post, "/confirm/payment-callback", body: "{}", key: nil, signature: "t=1,v1=zz", status: 401),
        Case(.post, "/confirm/payment-callback", body: "{}", key: nil, signature: "garbage", status: 401),
        Case(.get, "/confirm/status", key: nil, status: 400),
        Case(.get, "/confirm/status?idem=x", key: nil, status: 400),
        Case(.get, "/confirm/status?idem=\(String(repeating: "a", count: 129))", key: nil, status: 400),
        Case(.get, "/confirm/status?idem=never-committed-key", key: nil, status: 404),
        // An unknown path is the shared ProblemMiddleware's 404 path-not-found.
        Case(.get, "/confirm/nothing-here", key: nil, status: 404),
        Case(.post, "/nothing-here", key: nil, status: 404),
        Case(.delete, "/confirm/commit", key: nil, status: 405),
        Case(.trace, "/confirm/status?idem=never-committed-key", key: nil, status: 405),
        Case(.post, "/confirm/health", key: nil, status: 405),
    ]

    @Test(arguments: cases)
    func badInputIsA4xxProblem(_ badCase: Case) async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
            var headers: HTTPFields = [:]
            if let key = badCase.key { headers[.init(IdempotencyHeaders.key)!] = key }
            if let signature = badCase.signature { headers[.init(PaymentSignature.headerName)!] = signature }
            if badCase.body != nil { headers[.contentType] = "application/json" }
            headers[.init(RoomToken.headerName)!] = Self.roomToken(for: badCase.body)
            let response = try await client.execute(uri: badCase.uri, method: badCase.method, headers: headers,
                                                    body: badCase.body.map { ByteBuffer(string: $0) })
            #expect(response.status.code == badCase.status, "\(String(buffer: response.body))")
            #expect(response.headers[.contentType] == Problem.contentType)
            let problem = try FlowSteps.decode(Problem.self, response)
            #expect(problem.status == badCase.status)
        }
    }

    /// The caller's own room token: for the body's user and event when it names them, so each
    /// case meets the rule it is about rather than the identity check.
    static func roomToken(for body: String?) -> String {
        let object = body.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) } as? [String: Any]
        return ConfirmStack.roomToken(userId: object?["userId"] as? String ?? "u",
                                      eventId: object?["eventId"] as? String ?? "evt-0001")
    }

    /// An undeclared path is 404 path-not-found; an undeclared method on a declared path is 405
    /// method-not-allowed naming the allowed methods in `Allow` (RFC 9110).
    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
            let unknown = try await client.execute(uri: "/confirm/no-such-thing", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == Problem.contentType)
            #expect(try FlowSteps.decode(Problem.self, unknown).code == .pathNotFound)
            for (method, uri, allow) in [(HTTPRequest.Method.get, "/confirm/commit", "POST"),
                                         (.put, "/confirm/payment-intent", "POST"),
                                         (.post, "/confirm/status?idem=never-committed-key", "GET")] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                #expect(try FlowSteps.decode(Problem.self, response).code == .methodNotAllowed)
            }
        }
    }

    /// Signed but malformed callbacks fail validation (400), not the signature.
    @Test func signedMalformedCallbackIsAValidationProblem() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let signature = PaymentSignature(secret: stack.webhookSecret)
        try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
            for body in ["{", #"{"intentId":"x","paymentRef":"r","outcome":"approved","amount":1,"currency":"JPY"}"#,
                         #"{"intentId":"\#(UUID().uuidString)","paymentRef":"r","outcome":"maybe","amount":1,"currency":"JPY"}"#,
                         #"{"intentId":"\#(UUID().uuidString)","paymentRef":"r","outcome":"approved","amount":-1,"currency":"JPY"}"#] {
                let response = try await client.execute(
                    uri: "/confirm/payment-callback", method: .post,
                    headers: [.init(PaymentSignature.headerName)!: signature.header(for: Data(body.utf8), at: Date()), .contentType: "application/json"],
                    body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.headers[.contentType] == Problem.contentType)
            }
        }
    }
}
