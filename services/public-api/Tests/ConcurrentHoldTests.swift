import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// Many users racing for one seat: exactly one wins, everyone else gets 409, never a 5xx.
@Suite struct ConcurrentHoldTests {
    @Test func twoHundredConcurrentHoldsOnOneSeatHaveExactlyOneWinner() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let entered = try await client.execute(uri: "/public/enter", method: .post,
                                                   headers: [.contentType: "application/json"], body: JSONBody.buffer(#"{"userId":"u-race","eventId":"evt-0002"}"#))
            let token = try JSONBody.decode(EnterResponse.self, entered).roomToken
            try await Task.sleep(for: .milliseconds(50))
            let statuses = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        let response = try await client.execute(
                            uri: "/public/hold", method: .post, headers: [.init("x-room-token")!: token, .contentType: "application/json"],
                            body: JSONBody.buffer(#"{"eventId":"evt-0002","seatId":"S02-00003"}"#))
                        let holdId = response.status == .created
                            ? try JSONBody.decode(HoldResponse.self, response).holdId : nil
                        return (response.status.code, holdId)
                    }
                }
                var all: [(Int, String?)] = []
                for try await result in group { all.append(result) }
                return all
            }
            #expect(statuses.filter { $0.0 == 201 }.count == 1)
            #expect(statuses.filter { $0.0 == 409 }.count == 199)
            let winner = try #require(statuses.compactMap(\.1).first)
            #expect(try await stack.redis.get("hold:evt-0002:S02-00003") == winner)
            let lock = try await stack.dynamo.getItem(table: stack.table, key: ["seatKey": ["S": "evt-0002#S02-00003"]])
            #expect(lock?["holdId"]?["S"]?.string == winner)
            let released = try await client.execute(
                uri: "/public/release", method: .post,
                headers: [.contentType: "application/json"], body: JSONBody.buffer(#"{"eventId":"evt-0002","seatId":"S02-00003","holdId":"\#(winner)"}"#))
            #expect(released.status == .ok)
        }
    }
}
