import AsyncHTTPClient
import Foundation
import Ticketing

/// The seed's load-test bot, as one client process: prepares a fixture, then for each step
/// sends the mix open-loop at its shard's share of the target rate for the step's duration
/// and collects per-kind status counts and latency histograms. Several shards (processes or
/// hosts, `LoadShard`) reach rates one client cannot; their results merge exactly
/// (`LoadReportMerge`), and `dropped` says when one client was the bottleneck.
public struct LoadRunner: Sendable {
    let scenario: E2EScenario
    let plan: LoadPlan

    public init(settings: ScenarioSettings, plan: LoadPlan, http: HTTPClient) {
        self.scenario = E2EScenario(settings: settings, http: http)
        self.plan = plan
    }

    public func run(progress: @escaping @Sendable (LoadStepResult) -> Void = { _ in }) async throws(StepFailure)
        -> LoadReport {
        let startedAt = Date()
        let fixture = try await LoadFixture.prepare(scenario, shard: plan.shard)
        // Steps keep to one schedule from the agreed start (or from now), so shards on several
        // hosts step up together; a step that overran starts the next one late, not early.
        let first = ContinuousClock.now + .seconds(plan.startAt.map { $0.timeIntervalSinceNow } ?? 0)
        var steps: [LoadStepResult] = []
        for planned in plan.schedule {
            let scheduled = first + .seconds(planned.offsetSeconds)
            if scheduled > ContinuousClock.now { try? await Task.sleep(until: scheduled) }
            let result = await step(planned, fixture: fixture)
            progress(result)
            steps.append(result)
        }
        return LoadReport(targetRates: plan.rates, stepSeconds: plan.stepSeconds, soakSeconds: plan.soakSeconds,
                          startAt: plan.startAt,
                          shardCount: plan.shard.count, shards: [plan.shard.index], startedAt: startedAt,
                          publicURL: scenario.settings.publicURL.absoluteString,
                          confirmURL: scenario.settings.confirmURL.absoluteString, eventId: scenario.settings.eventId,
                          maxInFlight: plan.maxInFlight, steps: steps)
    }

    func step(_ planned: LoadStepPlan, fixture: LoadFixture) async -> LoadStepResult {
        let rate = plan.shard.share(of: planned.rate)
        let stats = LoadStats()
        let gate = InFlightGate(limit: plan.maxInFlight)
        let total = rate * planned.seconds
        let started = ContinuousClock.now
        let startedAt = Date()
        let cpuBefore = ProcessCPU.seconds()
        await withDiscardingTaskGroup { group in
            var sent = 0
            while sent < total {
                let elapsed = ContractHTTPClient.milliseconds(ContinuousClock.now - started) / 1000
                let due = min(total, Int(elapsed * Double(rate)) + 1)
                // A request due in the step's last second but sent just after it stays in its bucket.
                let bucket = min(Int(elapsed), planned.seconds - 1) / LoadStepResult.bucketSeconds
                while sent < due {
                    sent += 1
                    let kind = LoadRequestKind.pick(Int.random(in: 0..<100))
                    guard await gate.tryEnter() else {
                        await stats.drop()
                        continue
                    }
                    group.addTask {
                        await perform(kind, bucket: bucket, fixture: fixture, stats: stats)
                        await gate.leave()
                    }
                }
                try? await Task.sleep(for: .milliseconds(2))
            }
        }
        // The step's window (its last request is due just before the end), or longer when
        // answers kept it open.
        let seconds = max(Double(planned.seconds), ContractHTTPClient.milliseconds(ContinuousClock.now - started) / 1000)
        let tallies = await stats.tallies
        let shard = LoadStepResult.ShardFigures(shard: plan.shard.index, targetRate: rate, seconds: seconds,
                                                requests: tallies.values.reduce(0) { $0 + $1.requests },
                                                dropped: await stats.dropped, skippedPurchases: await stats.skipped,
                                                startedAt: startedAt, cpuSeconds: ProcessCPU.seconds() - cpuBefore)
        return LoadStepResult(targetRate: planned.rate, shards: [shard], kinds: tallies, timeline: await stats.timeline)
    }

    func perform(_ kind: LoadRequestKind, bucket: Int, fixture: LoadFixture, stats: LoadStats) async {
        let settings = scenario.settings
        let client = scenario.client
        do {
            let reply: HTTPReply
            switch kind {
            case .summary:
                reply = try await client.get(scenario.publicURL("/public/summary/\(settings.eventId)/\(settings.section)"),
                                             step: .summary)
            case .roomStatus:
                reply = try await client.get(scenario.publicURL("/public/room-status",
                                                                query: [("token", fixture.roomToken)]), step: .roomStatus)
            case .seats:
                reply = try await client.get(scenario.publicURL("/public/seats/\(settings.eventId)"), step: .seats)
            case .intentReplay:
                reply = try await client.post(scenario.confirmURL("/confirm/payment-intent"), json: fixture.intent.request,
                                              headers: [("Idempotency-Key", fixture.intent.key),
                                                        (RoomToken.headerName, fixture.roomToken)],
                                              step: .paymentIntentReplay)
            case .statusPoll:
                reply = try await client.get(fixture.statusURL,
                                             headers: fixture.statusETag.map { [("If-None-Match", $0)] } ?? [],
                                             step: .status)
            case .purchase:
                guard let seat = await fixture.seats.take() else {
                    await stats.skip()
                    return
                }
                let (last, latency) = try await purchase(seat)
                await stats.record(kind, bucket: bucket, status: last, latencyMs: latency)
                return
            }
            await stats.record(kind, bucket: bucket, status: reply.status, latencyMs: reply.latencyMs)
        } catch {
            await stats.record(kind, bucket: bucket, status: nil, latencyMs: 0)
        }
    }

    /// enter → hold → intent → commit → the signed approval callback, as the seat's own buyer
    /// (`LoadBuyer`) with its own room token; the status of the first step that did not succeed
    /// (or the commit's 202) and the summed latency of hold, intent, commit and callback (entering
    /// the room is its admission pace, not the purchase's, and is left out).
    func purchase(_ seat: String) async throws -> (Int, Double) {
        let settings = scenario.settings
        let client = scenario.client
        let buyer = LoadBuyer.userId(base: settings.userId, seatId: seat)
        let enter = try await client.post(scenario.publicURL("/public/enter"),
                                          json: EnterRequest(userId: buyer, eventId: settings.eventId), step: .enter)
        guard enter.status == 200 else { return (enter.status, 0) }
        let entered = try enter.decode(EnterResponse.self, step: .enter)
        if entered.etaSec > 0 { _ = try await scenario.waitUntilAdmitted(entered) }
        let token = entered.roomToken
        let hold = try await client.post(scenario.publicURL("/public/hold"),
                                         json: HoldRequest(eventId: settings.eventId, seatId: seat),
                                         headers: [(RoomToken.headerName, token)], step: .hold)
        guard hold.status == 201 else { return (hold.status, hold.latencyMs) }
        let request = PaymentIntentRequest(userId: buyer, eventId: settings.eventId, seatIds: [seat])
        let intent = try await client.post(scenario.confirmURL("/confirm/payment-intent"), json: request,
                                           headers: [("Idempotency-Key", E2EScenario.idempotencyKey("load-intent")),
                                                     (RoomToken.headerName, token)],
                                           step: .paymentIntent)
        guard intent.status == 201 else { return (intent.status, hold.latencyMs + intent.latencyMs) }
        let created = try intent.decode(PaymentIntentResponse.self, step: .paymentIntent)
        let commit = try await client.post(
            scenario.confirmURL("/confirm/commit"),
            json: CommitRequest(intentId: created.intentId, eventId: settings.eventId, seatIds: [seat],
                                userId: buyer),
            headers: [("Idempotency-Key", E2EScenario.idempotencyKey("load-commit")), (RoomToken.headerName, token)],
            step: .commit)
        let spent = hold.latencyMs + intent.latencyMs + commit.latencyMs
        guard commit.status == 202 else { return (commit.status, spent) }
        // The bot is the payment provider too: without its approval no order is confirmed.
        let intentRecord = E2EScenario.CreatedIntent(key: "", request: request, response: created, roomToken: token)
        let paid = try await scenario.paymentCallback(intentRecord, outcome: .approved)
        let callback = paid.replies.last
        return (callback?.status == 200 ? commit.status : callback?.status ?? 0, spent + (callback?.latencyMs ?? 0))
    }
}
