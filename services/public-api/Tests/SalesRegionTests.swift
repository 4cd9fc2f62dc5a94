import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// One seat, one region: a public-api outside the home region (`app.homeRegion`) refuses enter,
/// hold and release with a 409 naming the home region, before touching a store, and still
/// serves the reads — here both processes share one set of stores, so what the away process
/// did (nothing) shows in the home process's answers.
@Suite struct SalesRegionTests {
    static let away = SalesRegion(home: "ap-northeast-2", current: "ap-northeast-1")
    static let event = "evt-0002"
    static let seat = "S02-00004"

    static func expectWrongRegion(_ response: TestResponse, _ path: String) throws {
        #expect(response.status == .conflict, "\(path)")
        #expect(response.headers[.contentType] == Problem.contentType, "\(path)")
        let problem = try JSONBody.decode(Problem.self, response)
        #expect(problem.code == .wrongRegion, "\(path)")
        #expect(problem.detail?.contains("ap-northeast-2") == true, "\(path): the detail names the home region")
    }

    @Test func writesOutsideTheHomeRegionAre409AndTouchNothing() async throws {
        let stack = try await TestStack.get()
        let json: HTTPFields = [.contentType: "application/json"]
        try await Application(router: try stack.api(sales: Self.away).router()).test(.router) { away in
            try await stack.application().test(.router) { home in
                let enterBody = #"{"userId":"u-away","eventId":"\#(Self.event)"}"#
                try Self.expectWrongRegion(try await away.execute(uri: "/public/enter", method: .post, headers: json,
                                                                  body: JSONBody.buffer(enterBody)), "enter")

                // A token the home region issued (the key is shared) does not buy a hold away.
                let entered = try await home.execute(uri: "/public/enter", method: .post, headers: json,
                                                     body: JSONBody.buffer(enterBody))
                #expect(entered.status == .ok)
                let token = try JSONBody.decode(EnterResponse.self, entered).roomToken
                var holding = json
                holding[.init(RoomToken.headerName)!] = token
                let hold = try await away.execute(uri: "/public/hold", method: .post, headers: holding,
                                                  body: JSONBody.buffer(#"{"eventId":"\#(Self.event)","seatId":"\#(Self.seat)"}"#))
                try Self.expectWrongRegion(hold, "hold")
                #expect(try await stack.redis.get("hold:\(Self.event):\(Self.seat)") == nil, "no hold in Redis")

                let held = try await home.execute(uri: "/public/hold", method: .post, headers: holding,
                                                  body: JSONBody.buffer(#"{"eventId":"\#(Self.event)","seatId":"\#(Self.seat)"}"#))
                #expect(held.status == .created, "the seat is still free at home")
                let holdId = try JSONBody.decode(HoldResponse.self, held).holdId
                let release = #"{"eventId":"\#(Self.event)","seatId":"\#(Self.seat)","holdId":"\#(holdId)"}"#
                try Self.expectWrongRegion(try await away.execute(uri: "/public/release", method: .post, headers: json,
                                                                  body: JSONBody.buffer(release)), "release")
                #expect(try await stack.redis.get("hold:\(Self.event):\(Self.seat)") != nil, "the hold survives")
                let released = try await home.execute(uri: "/public/release", method: .post, headers: json,
                                                      body: JSONBody.buffer(release))
                #expect(released.status == .ok)

                // Reads are served away too.
                let summary = try await away.execute(uri: "/public/summary/\(Self.event)/S02", method: .get)
                #expect(summary.status == .ok)
                let seats = try await away.execute(uri: "/public/seats/\(Self.event)", method: .get)
                #expect(seats.status == .ok)
                let status = try await away.execute(uri: "/public/room-status?token=\(token)", method: .get)
                #expect(status.status == .ok)
            }
        }
    }

    @Test func theHomeRegionItselfSells() async throws {
        let stack = try await TestStack.get()
        let home = SalesRegion.home("ap-northeast-2")
        try await Application(router: try stack.api(sales: home).router()).test(.router) { client in
            let entered = try await client.execute(uri: "/public/enter", method: .post,
                                                   headers: [.contentType: "application/json"],
                                                   body: JSONBody.buffer(#"{"userId":"u-home","eventId":"\#(Self.event)"}"#))
            #expect(entered.status == .ok)
        }
    }
}
