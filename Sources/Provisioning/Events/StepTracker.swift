/// Wraps one step on a resource with `started` / `finished` / `failed` events and its timing.
struct StepTracker: Sendable {
    let events: EventSink

    func run(
        _ address: ResourceAddress, step: String, _ body: () async throws -> ResourceOutcome
    ) async throws -> ResourceOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        events.emit(.started(address, step: step))
        do {
            let outcome = try await body()
            events.emit(.finished(address, outcome: outcome.description, elapsed: start.duration(to: clock.now)))
            return outcome
        } catch {
            events.emit(.failed(address, message: ResourceFailure(address: address, error: error).message))
            throw error
        }
    }
}
