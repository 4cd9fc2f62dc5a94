import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import Ticketing

/// The worker process killed (SIGKILL) in the middle of its batches: after a new worker takes
/// over, every commit is decided exactly once — nothing lost, nothing sold twice. And SIGTERM
/// drains: the process exits 0 having finished what it held.
@Suite(.serialized) struct WorkerCrashTests {
    /// 3 groups × 6 commits, one seat each, accepted by confirm-api onto one queue.
    static func queueCommits(_ stack: ConfirmStack, queue: String, section: String,
                             user: String) async throws -> [String] {
        let idems = try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { client in
                var idems: [String] = []
                for event in ConfirmStack.events {
                    for number in 15...20 {
                        let seat = ConfirmStack.seatId(section, number)
                        // One buyer per seat: six held seats of one user would pass app.maxHoldsPerUser.
                        let buyer = "\(user)-\(number)"
                        let intent = try await FlowSteps.paidIntent(public: publicClient, confirm: client, userId: buyer,
                                                                    eventId: event, seatIds: [seat])
                        let idem = "commit-" + UUID().uuidString
                        let accepted = try await FlowSteps.commit(client, key: idem, intentId: intent.intentId,
                                                                  userId: buyer, eventId: event, seatIds: [seat])
                        #expect(accepted.status == .accepted)
                        idems.append(idem)
                    }
                }
                return idems
            }
        }
        return idems
    }

    @Test func killedMidBatchLosesNothingAndSellsNothingTwice() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues(maxReceiveCount: 10, visibilitySeconds: 3)
        let idems = try await Self.queueCommits(stack, queue: queue, section: "S01", user: "u-crash")
        let environment = try stack.workerEnvironment(queue: queue)

        let first = try WorkerProcess(environment: environment)
        // Poll fast: the kill must land while the worker is still working through its batches.
        try await FlowSteps.waitUntil("the first worker to decide a commit", interval: .milliseconds(5)) {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = ANY(\(idems))") >= 1
        }
        first.kill()
        let decidedBeforeCrash = try await stack.count("SELECT count(*) FROM orders WHERE idem = ANY(\(idems))")
        print("confirm-worker killed after deciding \(decidedBeforeCrash) of \(idems.count) commits")

        let second = try WorkerProcess(environment: environment)
        defer { second.kill() }
        try await FlowSteps.waitUntil("every commit to be decided after the crash", timeout: .seconds(60)) {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = ANY(\(idems))") == idems.count
        }
        #expect(decidedBeforeCrash < idems.count, "the crash came too late to interrupt anything")
        #expect(try await stack.count("""
            SELECT count(*) FROM orders WHERE idem = ANY(\(idems)) AND status = 'confirmed'
            """) == idems.count)
        #expect(try await stack.count("""
            SELECT count(*) FROM order_seats s JOIN orders o USING (order_id) WHERE o.idem = ANY(\(idems))
            """) == idems.count)
        #expect(try await stack.count("""
            SELECT count(*) FROM seats WHERE seat_id LIKE 'S01-%' AND seat_id >= 'S01-00015' AND state = 'sold'
            """) == idems.count)
    }

    @Test func sigtermFinishesInFlightWorkAndExitsZero() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues(maxReceiveCount: 10, visibilitySeconds: 3)
        let idems = try await Self.queueCommits(stack, queue: queue, section: "S02", user: "u-drain")
        let environment = try stack.workerEnvironment(queue: queue)

        let worker = try WorkerProcess(environment: environment)
        try await FlowSteps.waitUntil("the worker to decide a commit", interval: .milliseconds(5)) {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = ANY(\(idems))") >= 1
        }
        #expect(worker.terminate() == 0)
        // Whatever it had received it finished: no message is left invisible, so a new worker
        // decides the rest at once (well inside one 3 s visibility timeout per batch).
        let next = try WorkerProcess(environment: environment)
        defer { next.kill() }
        try await FlowSteps.waitUntil("every commit to be decided after the drain", timeout: .seconds(60)) {
            try await stack.count("SELECT count(*) FROM orders WHERE idem = ANY(\(idems))") == idems.count
        }
        #expect(try await stack.count("""
            SELECT count(*) FROM orders WHERE idem = ANY(\(idems)) AND status = 'confirmed'
            """) == idems.count)
    }
}
