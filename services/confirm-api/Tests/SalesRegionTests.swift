import ConfirmTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import Ticketing

/// One seat, one region: a confirm-api outside the home region refuses payment-intent and commit
/// with a 409 naming the home region, serves status, and answers the payment callback of an
/// intent its own stores hold (the region that was home when the intent was made, e.g. before
/// an operator moved `app.homeRegion`), so a taken payment is never refused.
@Suite struct SalesRegionTests {
    static let away = SalesRegion(home: "ap-northeast-2", current: "ap-northeast-1")
    static let event = "evt-0002"
    static let seat = "S02-00019"

    static func expectWrongRegion(_ response: TestResponse, _ what: String) throws {
        #expect(response.status == .conflict, "\(what): \(String(buffer: response.body))")
        #expect(response.headers[.contentType] == Problem.contentType)
        let problem = try FlowSteps.decode(Problem.self, response)
        #expect(problem.code == .wrongRegion, "\(what)")
        #expect(problem.detail?.contains("home region ap-northeast-2") == true, "\(what): \(problem.detail ?? "")")
    }

    @Test func intentAndCommitAre409AwayWhileStatusAndTheCallbackAreServed() async throws {
        let stack = try await ConfirmStack.get()
        let (queue, _) = try await stack.makeQueues()
        let user = "u-away-" + UUID().uuidString.prefix(6)
        try await Application(router: stack.publicAPI.router()).test(.router) { publicClient in
            try await Application(router: stack.confirmAPI(queue: queue).router()).test(.router) { home in
                try await Application(router: stack.confirmAPI(queue: queue, sales: Self.away).router()).test(.router) { away in
                    _ = try await FlowSteps.hold(publicClient, userId: user, eventId: Self.event, seatIds: [Self.seat])
                    let intentKey = "intent-" + UUID().uuidString
                    try Self.expectWrongRegion(
                        try await FlowSteps.createIntent(away, key: intentKey, userId: user, eventId: Self.event,
                                                         seatIds: [Self.seat]), "payment-intent")
                    let created = try await FlowSteps.createIntent(home, key: intentKey, userId: user,
                                                                   eventId: Self.event, seatIds: [Self.seat])
                    #expect(created.status == .created, "the refused intent left nothing under its key")
                    let intent = try FlowSteps.decode(PaymentIntentResponse.self, created)

                    let approved = try await FlowSteps.paymentCallback(away, intent: intent, outcome: "approved",
                                                                       secret: ConfirmStack.webhookSecretValue)
                    #expect(approved.status == .ok, "the callback reaches the intent's stores: \(String(buffer: approved.body))")

                    let commitKey = "commit-" + UUID().uuidString
                    try Self.expectWrongRegion(
                        try await FlowSteps.commit(away, key: commitKey, intentId: intent.intentId, userId: user,
                                                   eventId: Self.event, seatIds: [Self.seat]), "commit")
                    let missing = try await away.execute(uri: CommitAccepted.statusPath(idem: commitKey), method: .get)
                    #expect(missing.status == .notFound, "status is served away, and the refused commit left no order")
                    let accepted = try await FlowSteps.commit(home, key: commitKey, intentId: intent.intentId,
                                                              userId: user, eventId: Self.event, seatIds: [Self.seat])
                    #expect(accepted.status == .accepted)
                    let status = try await away.execute(uri: CommitAccepted.statusPath(idem: commitKey), method: .get)
                    #expect(status.status == .ok)
                }
            }
        }
    }
}
