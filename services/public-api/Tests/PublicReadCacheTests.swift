import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// A burst of summary or seat-map requests on a cold key reaches PostgreSQL once (one loader per
/// key), the body lands in Redis with its TTL, and a client holding the ETag gets 304.
@Suite struct PublicReadCacheTests {
    @Test func concurrentSummaryMissesLoadFromPostgresOnce() async throws {
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

    @Test func concurrentSeatMapMissesLoadFromPostgresOnceAndRevalidate() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let answers = try await withThrowingTaskGroup(of: (SeatMap, String?, String?).self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await client.execute(uri: "/public/seats/evt-0002", method: .get)
                        return (try JSONBody.decode(SeatMap.self, response), response.headers[.eTag],
                                response.headers[.cacheControl])
                    }
                }
                var all: [(SeatMap, String?, String?)] = []
                for try await answer in group { all.append(answer) }
                return all
            }
            #expect(answers.count == 50)
            #expect(Set(answers.map(\.0.seats.count)) == [10])
            #expect(Set(answers.map(\.2)) == ["public, max-age=1, s-maxage=2"], "the edge keeps it 2 s")
            let etags = Set(answers.map(\.1))
            #expect(etags.count == 1)
            #expect(await stack.api.seatMapDatabaseLoads(eventId: "evt-0002") == 1)
            let cached = try #require(try await stack.redis.get("seats:evt-0002"))
            #expect(try JSONCoding.makeDecoder().decode(SeatMap.self, from: Data(cached.utf8)).eventId == "evt-0002")
            let etag = try #require(etags.first ?? nil)
            let revalidated = try await client.execute(uri: "/public/seats/evt-0002", method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.headers[.eTag] == etag)
        }
    }

    /// "No such event" is not cached: an event seeded later shows up at once.
    @Test func unknownEventIsNotCachedInRedis() async throws {
        let stack = try await TestStack.get()
        try await stack.application().test(.router) { client in
            let missing = try await client.execute(uri: "/public/seats/evt-0404", method: .get)
            #expect(missing.status == .notFound)
            #expect(try await stack.redis.get("seats:evt-0404") == nil)
        }
    }
}
