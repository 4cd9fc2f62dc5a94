import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// A burst of summary requests on a cold key reaches PostgreSQL once (one loader per key).
@Suite struct SummaryCacheTests {
    @Test func concurrentMissesLoadFromPostgresOnce() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let bodies = try await withThrowingTaskGroup(of: SeatSummary.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await client.execute(uri: "/public/summary/evt-0002/S01", method: .get)
                        return try JSONBody.decode(SeatSummary.self, response)
                    }
                }
                var all: [SeatSummary] = []
                for try await body in group { all.append(body) }
                return all
            }
            #expect(bodies.count == 50)
            #expect(Set(bodies) == [SeatSummary(eventId: "evt-0002", section: "S01", available: 5, held: 0, sold: 0)])
            #expect(await stack.api.summaryDatabaseLoads(eventId: "evt-0002", section: "S01") == 1)
            #expect(try await stack.redis.get("summary:evt-0002:S01") != nil)
        }
    }
}
