import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// Bad input on every endpoint is a 4xx problem+json naming what is wrong, never a 5xx.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let method: HTTPRequest.Method
        let uri: String
        let body: String?
        let token: String?
        let status: Int
        var testDescription: String { "\(method) \(uri) \(body ?? "")" }
    }

    static let forged = "eyJ1c2VySWQiOiJ4In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

    static let cases: [Case] = [
        Case(method: .post, uri: "/public/enter", body: "", token: nil, status: 400),
        Case(method: .post, uri: "/public/enter", body: "{not json", token: nil, status: 400),
        Case(method: .post, uri: "/public/enter", body: "[]", token: nil, status: 400),
        Case(method: .post, uri: "/public/enter", body: #"{"userId":"u1"}"#, token: nil, status: 400),
        Case(method: .post, uri: "/public/enter", body: #"{"userId":"u1","eventId":"evt-0001","x":1}"#, token: nil, status: 400),
        Case(method: .post, uri: "/public/enter", body: #"{"userId":"bad id!","eventId":"evt-0001"}"#, token: nil, status: 400),
        Case(method: .post, uri: "/public/enter", body: #"{"userId":7,"eventId":"evt-0001"}"#, token: nil, status: 400),
        Case(method: .get, uri: "/public/room-status", body: nil, token: nil, status: 400),
        Case(method: .get, uri: "/public/room-status?token=nonsense", body: nil, token: nil, status: 400),
        Case(method: .get, uri: "/public/room-status?token=\(forged)", body: nil, token: nil, status: 401),
        Case(method: .get, uri: "/public/summary/evt-0001/bad%20section", body: nil, token: nil, status: 400),
        Case(method: .get, uri: "/public/summary/evt-0001/S99", body: nil, token: nil, status: 404),
        Case(method: .get, uri: "/public/summary/evt-9999/S01", body: nil, token: nil, status: 404),
        Case(method: .get, uri: "/public/seats/-bad", body: nil, token: nil, status: 400),
        Case(method: .get, uri: "/public/seats/evt-9999", body: nil, token: nil, status: 404),
        Case(method: .post, uri: "/public/hold", body: #"{"eventId":"evt-0001","seatId":"S01-00002"}"#, token: nil, status: 401),
        Case(method: .post, uri: "/public/hold", body: #"{"eventId":"evt-0001","seatId":"S01-00002"}"#, token: forged, status: 401),
        Case(method: .post, uri: "/public/hold", body: #"{"eventId":"evt-0001","seatId":"S01-00002"}"#, token: "x", status: 400),
        Case(method: .post, uri: "/public/release", body: "{}", token: nil, status: 400),
        Case(method: .post, uri: "/public/release", body: #"{"eventId":"evt-0001","seatId":"S01-00002","holdId":"nope"}"#, token: nil, status: 400),
        Case(method: .post, uri: "/public/release", body: #"{"eventId":"evt-0001","seatId":"S01-00002","holdId":"\#(UUID().uuidString)"}"#, token: nil, status: 404),
        Case(method: .get, uri: "/public/nothing-here", body: nil, token: nil, status: 404),
        Case(method: .get, uri: "/nothing-here", body: nil, token: nil, status: 404),
        Case(method: .delete, uri: "/public/hold", body: nil, token: nil, status: 405),
        Case(method: .post, uri: "/public/summary/evt-0001/S01", body: "{}", token: nil, status: 405),
        Case(method: .put, uri: "/public/ping", body: nil, token: nil, status: 405),
    ]

    @Test(arguments: cases)
    func badInputIsA4xxProblem(_ badCase: Case) async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            var headers: HTTPFields = [:]
            if let token = badCase.token { headers[.init("x-room-token")!] = token }
            if badCase.body != nil { headers[.contentType] = "application/json" }
            let response = try await client.execute(uri: badCase.uri, method: badCase.method, headers: headers,
                                                    body: badCase.body.map(JSONBody.buffer))
            #expect(response.status.code == badCase.status)
            #expect(response.headers[.contentType] == Problem.contentType)
            let problem = try JSONBody.decode(Problem.self, response)
            #expect(problem.status == badCase.status)
        }
    }

    /// An undeclared path is 404 path-not-found; an undeclared method on a declared path is 405
    /// method-not-allowed naming the allowed methods in `Allow` (RFC 9110), both as problem+json.
    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let unknown = try await client.execute(uri: "/public/no-such-thing", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == Problem.contentType)
            #expect(try JSONBody.decode(Problem.self, unknown).code == .pathNotFound)
            for (method, uri, allow) in [(HTTPRequest.Method.get, "/public/enter", "POST"),
                                         (.delete, "/public/release", "POST"),
                                         (.post, "/public/seats/evt-0001", "GET"),
                                         (.patch, "/public/room-status?token=x", "GET")] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                #expect(response.headers[.contentType] == Problem.contentType)
                #expect(try JSONBody.decode(Problem.self, response).code == .methodNotAllowed)
            }
        }
    }

    /// A token of another event, or not yet admitted, is refused with 403.
    @Test func holdWithTokenOfAnotherEventIsForbidden() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let entered = try await client.execute(uri: "/public/enter", method: .post,
                                                   headers: [.contentType: "application/json"], body: JSONBody.buffer(#"{"userId":"u-bad","eventId":"evt-0002"}"#))
            let token = try JSONBody.decode(EnterResponse.self, entered).roomToken
            let response = try await client.execute(
                uri: "/public/hold", method: .post, headers: [.init("x-room-token")!: token, .contentType: "application/json"],
                body: JSONBody.buffer(#"{"eventId":"evt-0001","seatId":"S01-00002"}"#))
            #expect(response.status == .forbidden)
            #expect(try JSONBody.decode(Problem.self, response).code == .eventMismatch)
        }
    }
}
