import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// One user holds at most app.maxHoldsPerUser (4 in the test stack) seats of an event at once,
/// also when the holds arrive together; the refused hold leaves nothing in any store.
@Suite(.serialized) struct HoldLimitTests {
    static func token(_ client: some TestClientProtocol, user: String) async throws -> String {
        let entered = try await client.execute(uri: "/public/enter", method: .post, headers: [.contentType: "application/json"],
                                               body: JSONBody.buffer(#"{"userId":"\#(user)","eventId":"evt-0003"}"#))
        return try JSONBody.decode(EnterResponse.self, entered).roomToken
    }

    static func hold(_ client: some TestClientProtocol, _ token: String, _ seatId: String) async throws -> TestResponse {
        try await client.execute(uri: "/public/hold", method: .post,
                                 headers: [.init("x-room-token")!: token, .contentType: "application/json"],
                                 body: JSONBody.buffer(#"{"eventId":"evt-0003","seatId":"\#(seatId)"}"#))
    }

    static func release(_ client: some TestClientProtocol, _ seatId: String, _ holdId: String) async throws {
        let released = try await client.execute(uri: "/public/release", method: .post, headers: [.contentType: "application/json"],
            body: JSONBody.buffer(#"{"eventId":"evt-0003","seatId":"\#(seatId)","holdId":"\#(holdId)"}"#))
        #expect(released.status == .ok)
    }

    /// Frees every seat of evt-0003 in every store, so each test starts from the same state.
    static func reset(_ stack: TestStack) async throws {
        for seat in (1...5).map({ "S01-0000\($0)" }) + (1...5).map({ "S02-0000\($0)" }) {
            _ = try await stack.redis.delete("hold:evt-0003:\(seat)")
            try await stack.dynamo.deleteItem(table: stack.table, key: ["seatKey": ["S": .string("evt-0003#\(seat)")]])
        }
        try stack.sql("UPDATE holds SET status = 'released' WHERE event_id = 'evt-0003' AND status = 'active'")
        try stack.sql("UPDATE seats SET state = 'available' WHERE event_id = 'evt-0003'")
    }

    @Test func fifthHoldIsRefusedNamingTheCapAndLeavesNoTrace() async throws {
        let stack = try await TestStack.get()
        try await Self.reset(stack)
        try await stack.application().test(.router) { client in
            let token = try await Self.token(client, user: "u-cap-seq")
            var held: [(String, String)] = []
            for seat in ["S01-00001", "S01-00002", "S01-00003", "S01-00004"] {
                let response = try await Self.hold(client, token, seat)
                #expect(response.status == .created, "\(seat)")
                held.append((seat, try JSONBody.decode(HoldResponse.self, response).holdId))
            }
            let refused = try await Self.hold(client, token, "S01-00005")
            #expect(refused.status == .conflict)
            let problem = try JSONBody.decode(Problem.self, refused)
            #expect(problem.code == .holdLimitReached)
            #expect(problem.detail?.contains("at most 4 active holds") == true, "\(problem.detail ?? "")")
            #expect(try await stack.redis.get("hold:evt-0003:S01-00005") == nil)
            #expect(try await stack.dynamo.getItem(table: stack.table, key: ["seatKey": ["S": "evt-0003#S01-00005"]]) == nil)
            // Another user is not limited by this one's holds; a release makes room again.
            let other = try await Self.token(client, user: "u-cap-other")
            let otherHold = try await Self.hold(client, other, "S01-00005")
            #expect(otherHold.status == .created)
            try await Self.release(client, held[0].0, held[0].1)
            #expect(try await Self.hold(client, token, held[0].0).status == .created)
        }
    }

    /// Ten holds of one user on ten free seats at the same time: exactly four win.
    @Test func concurrentHoldsOfOneUserStayWithinTheCap() async throws {
        let stack = try await TestStack.get()
        try await Self.reset(stack)
        try await stack.application().test(.router) { client in
            let token = try await Self.token(client, user: "u-cap-burst")
            let seats = (1...5).map { "S01-0000\($0)" } + (1...5).map { "S02-0000\($0)" }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for seat in seats { group.addTask { try await Self.hold(client, token, seat).status.code } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 4, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 409 }.count == 6, "\(statuses.sorted())")
        }
    }
}
