import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// Every /public endpoint taking a body answers 415 problem+json unless the body is declared
/// application/json, so a cross-site form (text/plain, urlencoded, multipart) cannot post one.
@Suite struct MediaTypeTests {
    static let refused: [String?] = [nil, "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                                     "multipart/form-data; boundary=x", "application/jsonx", "application/json; charset=latin1",
                                     "application/json; profile=x"]

    @Test(arguments: ["/public/enter", "/public/hold", "/public/release"], refused)
    func bodyNotDeclaredJSONIs415(_ path: String, _ contentType: String?) async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let token = try await Self.token(client)
            var headers: HTTPFields = [.init("x-room-token")!: token]
            if let contentType { headers[.contentType] = contentType }
            let body = #"{"userId":"u-media","eventId":"evt-0001","seatId":"S02-00005","holdId":"\#(UUID().uuidString)"}"#
            let response = try await client.execute(uri: path, method: .post, headers: headers, body: JSONBody.buffer(body))
            #expect(response.status.code == 415, "\(path) \(contentType ?? "none")")
            #expect(response.headers[.contentType] == Problem.contentType)
            #expect(try JSONBody.decode(Problem.self, response).code == .unsupportedMediaType)
        }
    }

    /// The type is matched without case, with an optional utf-8 charset: these reach validation.
    @Test(arguments: ["application/json", "Application/JSON", "application/json; charset=utf-8",
                      "application/json;charset=\"UTF-8\""])
    func jsonWithCharsetIsAccepted(_ contentType: String) async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let response = try await client.execute(uri: "/public/enter", method: .post, headers: [.contentType: contentType],
                                                    body: JSONBody.buffer(#"{"userId":"u-media","eventId":"evt-0001"}"#))
            #expect(response.status == .ok, "\(contentType)")
        }
    }

    static func token(_ client: some TestClientProtocol) async throws -> String {
        let entered = try await client.execute(uri: "/public/enter", method: .post, headers: [.contentType: "application/json"],
                                               body: JSONBody.buffer(#"{"userId":"u-media","eventId":"evt-0001"}"#))
        return try JSONBody.decode(EnterResponse.self, entered).roomToken
    }
}
