import ConfirmTestSupport
@testable import ConfirmWorker
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import Testing
import Ticketing

/// A hold that lapses by TTL frees its seat in every store and view within seconds, by the
/// worker's sweep alone (no later hold of the seat needed); the sweep skips rows another
/// transaction has locked instead of waiting on them.
@Suite(.serialized) struct HoldExpiryTests {
    /// Makes the seat's active hold lapse now, as its TTL would (Redis and DynamoDB keep theirs:
    /// the sweep must remove them).
    static func lapse(_ stack: ConfirmStack, _ eventId: String, _ seatId: String) async throws {
        try await stack.postgres.query("""
            UPDATE holds SET expires_at = now() - interval '1 second'
            WHERE event_id = \(eventId) AND seat_id = \(seatId) AND status = 'active'
            """, logger: stack.logger)
    }

    static func holdStatus(_ stack: ConfirmStack, _ holdId: String) async throws -> String? {
        let rows = try await stack.postgres.query("SELECT status FROM holds WHERE hold_id = \(UUID(uuidString: holdId)!)",
                                                  logger: stack.logger)
        for try await status in rows.decode(String.self) { return status }
        return nil
    }

    @Test func lapsedHoldFreesTheSeatInEveryStoreAndView() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let (eventId, seatId) = ("evt-0003", "S02-00008")
        try await Application(router: stack.publicAPI.router()).test(.router) { client in
            let hold = try await FlowSteps.hold(client, userId: "u-lapse", eventId: eventId, seatIds: [seatId])[0]
            try await Self.lapse(stack, eventId, seatId)
            let worker = stack.worker(queue: queue)
            let sweeping = Task { try await worker.holdExpirySweep.run() }
            defer { sweeping.cancel() }
            try await FlowSteps.waitUntil("the lapsed seat to show available", timeout: .seconds(15)) {
                let seats = try FlowSteps.decode(SeatMap.self, try await client.execute(uri: "/public/seats/\(eventId)", method: .get))
                return seats.seats.first { $0.seatId == seatId }?.state == .available
            }
            // Other suites hold seats of this section meanwhile: the summary must count theirs, not this one.
            try await FlowSteps.waitUntil("the summary to stop counting the lapsed seat", timeout: .seconds(15)) {
                let summary = try FlowSteps.decode(SeatSummary.self,
                                                   try await client.execute(uri: "/public/summary/\(eventId)/S02", method: .get))
                let othersHeld = try await stack.count("""
                    SELECT count(*) FROM seats
                    WHERE event_id = \(eventId) AND section = 'S02' AND state = 'held' AND seat_id <> \(seatId)
                    """)
                return summary.held == othersHeld
            }
            #expect(try await Self.holdStatus(stack, hold.holdId) == "expired")
            #expect(try await stack.redis.get(SeatHoldKeys.redisKey(eventId: eventId, seatId: seatId)) == nil)
            #expect(try await SeatLockProbe.holdId(stack, eventId: eventId, seatId: seatId) == nil)
            // The seat can be held again at once.
            _ = try await FlowSteps.hold(client, userId: "u-lapse-next", eventId: eventId, seatIds: [seatId])
        }
    }

    /// While a sale has the seat row locked, the sweep passes over it (no wait, no error) and
    /// frees the others; once the lock is gone the next sweep frees it too.
    @Test func sweepSkipsLockedSeatsAndNeverWaits() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let eventId = "evt-0003"
        let (locked, free) = ("S02-00006", "S02-00007")
        let holds = try await Application(router: stack.publicAPI.router()).test(.router) { client in
            [try await FlowSteps.hold(client, userId: "u-sweep-a", eventId: eventId, seatIds: [locked])[0],
             try await FlowSteps.hold(client, userId: "u-sweep-b", eventId: eventId, seatIds: [free])[0]]
        }
        try await Self.lapse(stack, eventId, locked)
        try await Self.lapse(stack, eventId, free)
        let sweep = stack.worker(queue: queue).holdExpirySweep
        try await stack.postgres.withTransaction(logger: stack.logger) { connection in
            try await connection.query("SELECT 1 FROM seats WHERE event_id = \(eventId) AND seat_id = \(locked) FOR UPDATE",
                                       logger: stack.logger)
            try await sweep.sweepOnce()
            #expect(try await Self.holdStatus(stack, holds[0].holdId) == "active", "the locked seat's hold is left alone")
            #expect(try await Self.holdStatus(stack, holds[1].holdId) == "expired")
        }
        try await sweep.sweepOnce()
        #expect(try await Self.holdStatus(stack, holds[0].holdId) == "expired")
    }
}
