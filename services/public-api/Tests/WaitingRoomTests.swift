import Foundation
import Hummingbird
import HummingbirdTesting
@testable import PublicAPI
import RedisClient
import Testing
import Ticketing

/// The waiting room opens at the event's sale start (from PostgreSQL), has no room for an
/// unknown event, keeps no Redis key forever and no in-process map without bound.
@Suite struct WaitingRoomTests {
    static func enter(_ client: some TestClientProtocol, _ eventId: String, user: String = "u-room") async throws -> TestResponse {
        try await client.execute(uri: "/public/enter", method: .post, headers: [.contentType: "application/json"],
                                 body: JSONBody.buffer(#"{"userId":"\#(user)","eventId":"\#(eventId)"}"#))
    }

    @Test func enterForAnUnknownEventIs404AndLeavesNoRoomBehind() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let response = try await Self.enter(client, "evt-9999")
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == Problem.contentType)
            #expect(try JSONBody.decode(Problem.self, response).code == .eventNotFound)
        }
        #expect(try await stack.redis.get("room:evt-9999:seq") == nil)
        #expect(try await stack.redis.get("room:evt-9999:opened") == nil)
    }

    /// An event whose sale starts in an hour: the first caller neither opens the room nor is
    /// admitted; the room's opening time is the seeded sale start.
    @Test func roomOpensAtTheSaleStartNotAtTheFirstCaller() async throws {
        let stack = try await TestStack.get()
        let eventId = "evt-later-" + UUID().uuidString.prefix(6).lowercased()
        try stack.sql("""
            INSERT INTO events (event_id, name, currency, starts_at, sale_starts_at)
            VALUES ('\(eventId)', 'Later', 'JPY', now() + interval '30 days', now() + interval '1 hour')
            """)
        try await stack.application().test(.router) { client in
            let entered = try await Self.enter(client, eventId)
            #expect(entered.status == .ok)
            let enter = try JSONBody.decode(EnterResponse.self, entered)
            #expect(enter.etaSec >= 3500, "admitted in \(enter.etaSec) s, not after the sale start")
            let status = try await client.execute(uri: "/public/room-status?token=\(enter.roomToken)", method: .get)
            #expect(try JSONBody.decode(RoomStatusResponse.self, status).ready == false)
        }
        let stored = try #require(try await stack.redis.get("room:\(eventId):opened").flatMap(Int64.init))
        let opensIn = Double(stored) / 1000 - Date().timeIntervalSince1970
        #expect((3500...3600).contains(opensIn), "opening time \(opensIn) s from now")
    }

    @Test func everyRoomKeyExpires() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let entered = try await Self.enter(client, "evt-0003")
            #expect(entered.status == .ok)
        }
        for key in ["room:evt-0003:seq", "room:evt-0003:opened"] {
            guard case .expiresIn(let milliseconds) = try await stack.redis.pttl(key) else {
                Issue.record("\(key) has no expiry")
                continue
            }
            #expect(milliseconds > 0)
        }
    }

    /// However many event ids arrive, the process keeps at most `capacity` opening times.
    @Test func openingTimesStayBounded() {
        let openings = OpeningTimes(capacity: 16, lifetime: .seconds(60))
        for number in 0..<1000 { openings.set("evt-\(number)", Date()) }
        #expect(openings.count <= 16)
        #expect(openings.get("evt-999") != nil, "the newest entry is kept")
    }
}
