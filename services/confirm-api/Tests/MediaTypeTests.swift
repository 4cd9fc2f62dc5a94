import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import Ticketing

/// Every /confirm endpoint taking a body answers 415 problem+json unless the body is declared
/// application/json, before its signature or idempotency record is looked at. The caller's room
/// token is valid (intent and commit check it first, 401), so the media type is the rule at stake.
@Suite struct MediaTypeTests {
    static let refused: [String?] = [nil, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                     "application/json; charset=latin1"]

    @Test(arguments: ["/confirm/payment-intent", "/confirm/commit", "/confirm/payment-callback"], refused)
    func bodyNotDeclaredJSONIs415(_ path: String, _ contentType: String?) async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let body = #"{"userId":"u-media","eventId":"evt-0001","seatIds":["S02-00004"]}"#
        let signature = PaymentSignature(secret: stack.webhookSecret).header(for: Data(body.utf8), at: Date())
        try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
            var headers: HTTPFields = [.init(IdempotencyHeaders.key)!: "key-media-type-1",
                                       .init(PaymentSignature.headerName)!: signature,
                                       .init(RoomToken.headerName)!: ConfirmStack.roomToken(userId: "u-media", eventId: "evt-0001")]
            if let contentType { headers[.contentType] = contentType }
            let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(response.status.code == 415, "\(path) \(contentType ?? "none")")
            #expect(response.headers[.contentType] == Problem.contentType)
            #expect(try FlowSteps.decode(Problem.self, response).code == .unsupportedMediaType)
        }
    }
}
