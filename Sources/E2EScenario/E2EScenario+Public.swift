import Foundation
import Ticketing

/// The public-api half of the scenario: waiting room, summary, seat choice, hold and release.
extension E2EScenario {
    func enter() async throws -> StepOutcome<EnterResponse> {
        let reply = try await client.post(publicURL("/public/enter"),
                                          json: EnterRequest(userId: settings.userId, eventId: settings.eventId),
                                          step: .enter)
        try reply.expect(status: 200, step: .enter)
        let entered = try reply.decode(EnterResponse.self, step: .enter)
        try reply.expect(entered.position >= 1, "a position >= 1", got: "position \(entered.position)", step: .enter)
        return StepOutcome(entered, detail: "position \(entered.position), eta \(entered.etaSec) s", replies: [reply])
    }

    /// Polls room-status until ready; allowed the announced eta plus the configured patience.
    func waitUntilAdmitted(_ entered: EnterResponse) async throws -> StepOutcome<Void> {
        let deadline = ContinuousClock.now + settings.readyTimeout + .seconds(entered.etaSec)
        var replies: [HTTPReply] = []
        while true {
            let reply = try await client.get(publicURL("/public/room-status", query: [("token", entered.roomToken)]),
                                             step: .roomStatus)
            replies.append(reply)
            try reply.expect(status: 200, step: .roomStatus)
            let status = try reply.decode(RoomStatusResponse.self, step: .roomStatus)
            if status.ready {
                return StepOutcome((), detail: "admitted after \(replies.count) poll(s)", replies: replies)
            }
            guard ContinuousClock.now < deadline else {
                throw StepFailure(step: .roomStatus, expected: "ready before the deadline",
                                  got: "still waiting (leftSec \(status.leftSec)) after \(replies.count) polls",
                                  reply: reply)
            }
            let wait = min(settings.pollInterval * 5, max(settings.pollInterval, .seconds(status.leftSec)))
            try await Task.sleep(for: wait)
        }
    }

    func summary() async throws -> StepOutcome<SeatSummary> {
        let reply = try await client.get(publicURL("/public/summary/\(settings.eventId)/\(settings.section)"),
                                         step: .summary)
        try reply.expect(status: 200, step: .summary)
        let summary = try reply.decode(SeatSummary.self, step: .summary)
        try reply.expect(summary.eventId == settings.eventId && summary.section == settings.section,
                         "the summary of \(settings.eventId)/\(settings.section)",
                         got: "\(summary.eventId)/\(summary.section)", step: .summary)
        _ = try reply.expectHeader("etag", step: .summary)
        _ = try reply.expectHeader("cache-control", step: .summary)
        return StepOutcome(summary, detail: "available \(summary.available), held \(summary.held), sold \(summary.sold)",
                           replies: [reply])
    }

    /// The section's available seats, shuffled so concurrent runs rarely race for one; of a
    /// load shard, only those of its partition (by position among the section's seats).
    func availableSeats(of shard: LoadShard = .whole) async throws -> StepOutcome<[String]> {
        let reply = try await client.get(publicURL("/public/seats/\(settings.eventId)"), step: .seats)
        try reply.expect(status: 200, step: .seats)
        let map = try reply.decode(SeatMap.self, step: .seats)
        let inSection = map.seats.filter { $0.section == settings.section }.sorted { $0.seatId < $1.seatId }
            .enumerated().filter { shard.owns(position: $0.offset) }.map(\.element)
        let free = inSection.filter { $0.state == .available }.map(\.seatId).shuffled()
        let whose = shard == .whole ? "" : " (shard \(shard)'s share)"
        try reply.expect(!free.isEmpty, "an available seat in section \(settings.section)\(whose)",
                         got: "none among \(inSection.count) seats (re-seed with tpsctl db-init)", step: .seats)
        return StepOutcome(free, detail: "\(free.count) of \(inSection.count) seats available", replies: [reply])
    }

    /// Holds the first candidate that is still free; losing a race (409) moves to the next.
    func hold(_ candidates: [String], token: String) async throws -> StepOutcome<HeldSeat> {
        var replies: [HTTPReply] = []
        for seatId in candidates.prefix(Self.holdAttempts) {
            let reply = try await client.post(publicURL("/public/hold"),
                                              json: HoldRequest(eventId: settings.eventId, seatId: seatId),
                                              headers: [(RoomToken.headerName, token)], step: .hold)
            replies.append(reply)
            if reply.status == 409, reply.problemCode == .seatUnavailable { continue }
            try reply.expect(status: 201, step: .hold)
            let hold = try reply.decode(HoldResponse.self, step: .hold)
            try reply.expect(FieldRules.isServerId(hold.holdId), "a UUID holdId", got: hold.holdId, step: .hold)
            try reply.expect(hold.expiresAt > Date(), "expiresAt in the future",
                             got: "\(hold.expiresAt)", step: .hold)
            let held = HeldSeat(seatId: seatId, holdId: hold.holdId, expiresAt: hold.expiresAt, roomToken: token)
            return StepOutcome(held, detail: "seat \(seatId) held as \(hold.holdId)", replies: replies)
        }
        throw StepFailure(step: .hold, expected: "201 for one of \(replies.count) free seats",
                          got: "409 seat-unavailable for each (another client took them)", reply: replies.last)
    }

    /// Seats tried before concluding that something other than a race is wrong.
    static let holdAttempts = 5

    func release(_ held: HeldSeat) async throws -> StepOutcome<Void> {
        let reply = try await client.post(
            publicURL("/public/release"),
            json: ReleaseRequest(eventId: settings.eventId, seatId: held.seatId, holdId: held.holdId), step: .release)
        // The worker consumes the holds of a confirmed order, so an already-gone hold is the
        // expected outcome too; anything else (409, 5xx) is a failure.
        if reply.status == 404, reply.problemCode == .holdNotFound {
            return StepOutcome((), detail: "hold already consumed by the order", replies: [reply])
        }
        try reply.expect(status: 200, step: .release)
        let released = try reply.decode(ReleaseResponse.self, step: .release)
        try reply.expect(released.released, "released: true", got: "released: false", step: .release)
        return StepOutcome((), detail: "released hold \(held.holdId)", replies: [reply])
    }

    /// The declined variant's end: the rejected order freed the seat (no longer held, not sold).
    func expectFreed(_ held: HeldSeat) async throws -> StepOutcome<Void> {
        try await seatMapShows(held, .available, as: "available again", step: .seatFreed)
    }

    func expectSold(_ held: HeldSeat) async throws -> StepOutcome<Void> {
        try await seatMapShows(held, .sold, as: "sold", step: .seatSold)
    }

    /// How old a seat map may be (openapi: ~1 s in the process, 2 s in Redis, 2 s at the edge),
    /// with room to spare: a state change shows within this.
    static let seatMapMaxAge: Duration = .seconds(10)

    /// Polls the seat map until the seat shows `state`: the map is cached, so a change the
    /// worker just made shows within `seatMapMaxAge`, not at once.
    func seatMapShows(_ held: HeldSeat, _ state: SeatState, as wanted: String,
                      step: ScenarioStep) async throws -> StepOutcome<Void> {
        let deadline = ContinuousClock.now + Self.seatMapMaxAge
        var replies: [HTTPReply] = []
        while true {
            let reply = try await client.get(publicURL("/public/seats/\(settings.eventId)"), step: step)
            replies.append(reply)
            try reply.expect(status: 200, step: step)
            let map = try reply.decode(SeatMap.self, step: step)
            let shown = map.seats.first { $0.seatId == held.seatId }?.state
            if shown == state {
                return StepOutcome((), detail: "seat \(held.seatId) is \(wanted) (\(replies.count) read(s))", replies: replies)
            }
            guard ContinuousClock.now < deadline, shown != nil else {
                throw StepFailure(step: step, expected: "seat \(held.seatId) \(wanted) within \(Self.seatMapMaxAge)",
                                  got: shown.map { "it is \($0.rawValue)" } ?? "no such seat listed", reply: reply)
            }
            try await Task.sleep(for: settings.pollInterval)
        }
    }
}
