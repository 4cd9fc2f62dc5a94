import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// enter → room-status ready → summary → seats → hold → release, against the real stores.
@Suite struct PublicFlowTests {
    @Test func fullPublicFlow() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let entered = try await client.execute(uri: "/public/enter", method: .post,
                                                   headers: [.contentType: "application/json"], body: JSONBody.buffer(#"{"userId":"u-flow","eventId":"evt-0001"}"#))
            #expect(entered.status == .ok)
            let enter = try JSONBody.decode(EnterResponse.self, entered)
            #expect(enter.position >= 1)

            try await Task.sleep(for: .milliseconds(50))
            let token = enter.roomToken
            let status = try await client.execute(uri: "/public/room-status?token=\(token)", method: .get)
            #expect(status.status == .ok)
            #expect(try JSONBody.decode(RoomStatusResponse.self, status).ready)

            let summary = try await client.execute(uri: "/public/summary/evt-0001/S01", method: .get)
            #expect(summary.status == .ok)
            #expect(summary.headers[.cacheControl] == "public, max-age=2, s-maxage=10")
            let counts = try JSONBody.decode(SeatSummary.self, summary)
            #expect(counts.available + counts.held + counts.sold == 5)
            let etag = try #require(summary.headers[.eTag])
            let revalidated = try await client.execute(uri: "/public/summary/evt-0001/S01", method: .get,
                                                       headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)

            let seats = try await client.execute(uri: "/public/seats/evt-0001", method: .get)
            #expect(seats.status == .ok)
            #expect(try JSONBody.decode(SeatMap.self, seats).seats.count == 10)

            let holdBody = JSONBody.buffer(#"{"eventId":"evt-0001","seatId":"S01-00001"}"#)
            let held = try await client.execute(uri: "/public/hold", method: .post,
                                                headers: [.init("x-room-token")!: token, .contentType: "application/json"], body: holdBody)
            #expect(held.status == .created)
            let hold = try JSONBody.decode(HoldResponse.self, held)
            #expect(hold.expiresAt > Date())
            #expect(try await stack.redis.get("hold:evt-0001:S01-00001") == hold.holdId)
            let lock = try await stack.dynamo.getItem(table: stack.table, key: ["seatKey": ["S": "evt-0001#S01-00001"]])
            #expect(lock?["holdId"]?["S"]?.string == hold.holdId)

            let again = try await client.execute(uri: "/public/hold", method: .post,
                                                 headers: [.init("x-room-token")!: token, .contentType: "application/json"], body: holdBody)
            #expect(again.status == .conflict)
            #expect(again.headers[.contentType] == Problem.contentType)

            let stolen = try await client.execute(
                uri: "/public/release", method: .post,
                headers: [.contentType: "application/json"], body: JSONBody.buffer(#"{"eventId":"evt-0001","seatId":"S01-00001","holdId":"\#(UUID().uuidString)"}"#))
            #expect(stolen.status == .notFound)
            #expect(try await stack.redis.get("hold:evt-0001:S01-00001") == hold.holdId)

            let released = try await client.execute(
                uri: "/public/release", method: .post,
                headers: [.contentType: "application/json"], body: JSONBody.buffer(#"{"eventId":"evt-0001","seatId":"S01-00001","holdId":"\#(hold.holdId)"}"#))
            #expect(released.status == .ok)
            #expect(try JSONBody.decode(ReleaseResponse.self, released).released)
            #expect(try await stack.redis.get("hold:evt-0001:S01-00001") == nil)
            #expect(try await stack.dynamo.getItem(table: stack.table, key: ["seatKey": ["S": "evt-0001#S01-00001"]]) == nil)

            let retaken = try await client.execute(uri: "/public/hold", method: .post,
                                                   headers: [.init("x-room-token")!: token, .contentType: "application/json"], body: holdBody)
            #expect(retaken.status == .created)
            let second = try JSONBody.decode(HoldResponse.self, retaken)
            _ = try await client.execute(
                uri: "/public/release", method: .post,
                headers: [.contentType: "application/json"], body: JSONBody.buffer(#"{"eventId":"evt-0001","seatId":"S01-00001","holdId":"\#(second.holdId)"}"#))
        }
    }

    @Test func healthChecksEveryDependencyAndPingAnswersPong() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let health = try await client.execute(uri: "/public/health", method: .get)
            #expect(health.status == .ok)
            let report = try JSONBody.decode(HealthReport.self, health)
            #expect(report.checks == ["redis": .ok, "postgres": .ok, "dynamodb": .ok])
            // The container health check's path (shared with tpsctl verify-image) is this route.
            let ping = try await client.execute(uri: ServiceRole.publicAPI.containerHealthPath, method: .get)
            #expect(ping.status == .ok)
            #expect(String(buffer: ping.body) == "pong")
        }
    }
}
