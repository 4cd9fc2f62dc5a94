import Foundation
import Ticketing

/// What the mix needs before the first step: an admitted room token, one real purchase (its
/// intent is replayed, its commit's status polled) and the pool of seats still free.
struct LoadFixture: Sendable {
    let roomToken: String
    let intent: E2EScenario.CreatedIntent
    let statusURL: URL
    let statusETag: String?
    let seats: SeatPool

    /// Runs the E2E steps once (so a broken deployment fails here, with the step named), on
    /// and with the seats of `shard`'s partition only, so shards never race for a seat.
    static func prepare(_ scenario: E2EScenario, shard: LoadShard) async throws(StepFailure) -> LoadFixture {
        do {
            let entered = try await scenario.enter().value
            _ = try await scenario.waitUntilAdmitted(entered)
            let free = try await scenario.availableSeats(of: shard).value
            let held = try await scenario.hold(free, token: entered.roomToken).value
            let intent = try await scenario.createIntent(for: held).value
            let accepted = try await scenario.commit(intent, seat: held).value
            _ = try await scenario.paymentCallback(intent, outcome: .approved).value
            guard let url = EndpointPath.resolve(accepted.statusUrl, against: scenario.settings.confirmURL) else {
                throw StepFailure(step: .commit, expected: "a status URL", got: accepted.statusUrl)
            }
            let status = try await scenario.client.get(url, step: .status)
            return LoadFixture(roomToken: entered.roomToken, intent: intent, statusURL: url,
                               statusETag: status.header("etag"),
                               seats: SeatPool(free.filter { $0 != held.seatId }))
        } catch let failure as StepFailure {
            throw failure
        } catch {
            throw StepFailure(step: .enter, expected: "a prepared load fixture", got: String(describing: error))
        }
    }
}
