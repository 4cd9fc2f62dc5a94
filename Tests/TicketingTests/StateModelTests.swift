import Foundation
import Testing
import Ticketing

@Suite("Seat, hold, intent and order state model")
struct StateModelTests {
    @Test("Seat transitions: only the allowed ones, and sold is final")
    func seatTransitions() {
        let allowed: [SeatState: [SeatEvent: SeatState]] = [
            .available: [.hold: .held],
            .held: [.release: .available, .expire: .available, .sell: .sold],
            .sold: [:],
        ]
        for state in SeatState.allCases {
            for event in SeatEvent.allCases {
                #expect(state.applying(event) == allowed[state]?[event], "\(state) + \(event)")
            }
        }
    }

    @Test func holdAndOrderStates() {
        #expect(HoldStatus.allCases.filter { !$0.isFinal } == [.active])
        #expect(OrderState.allCases.filter(\.isDecided) == [.confirmed, .rejected])
        #expect(CallbackOutcome.approved.paymentState == .approved)
        #expect(CallbackOutcome.declined.paymentState == .declined)
    }

    static let now = Date(timeIntervalSince1970: 1_900_000_000)
    static let payload = CommitPayload(intentId: Samples.intentId, eventId: "evt-0001", seatIds: ["A1", "A2"],
                                       userId: "user-1")
    static func intent(user: String = "user-1", seats: [String] = ["A2", "A1"], status: PaymentState = .pending,
                       expiresIn: TimeInterval = 60) -> IntentSnapshot {
        IntentSnapshot(intentId: Samples.intentId, userId: user, eventId: "evt-0001", seatIds: seats, amount: 2000,
                       currency: "JPY", status: status, expiresAt: now.addingTimeInterval(expiresIn))
    }
    static let heldSeats = [SeatSnapshot(seatId: "A1", state: .held, holderUserId: "user-1"),
                            SeatSnapshot(seatId: "A2", state: .available, holderUserId: "user-1")]

    @Test("Commit verdicts, in their fixed order of checks")
    func commitEvaluation() {
        func verdict(_ intent: IntentSnapshot?, _ seats: [SeatSnapshot] = Self.heldSeats, ordered: Bool = false) -> CommitVerdict {
            CommitEvaluation.evaluate(payload: Self.payload, intent: intent, seats: seats, intentAlreadyOrdered: ordered,
                                      now: Self.now)
        }
        #expect(verdict(Self.intent()) == .awaitPayment)
        #expect(verdict(Self.intent(status: .approved)) == .confirm)
        #expect(verdict(Self.intent(status: .refundDue)) == .reject(.paymentNotApproved))
        #expect(verdict(Self.intent(expiresIn: -1)) == .reject(.paymentNotApproved))
        #expect(verdict(Self.intent(status: .approved, expiresIn: -1)) == .reject(.intentExpired))
        #expect(verdict(nil) == .reject(.intentNotFound))
        #expect(verdict(Self.intent(user: "user-2")) == .reject(.intentMismatch))
        #expect(verdict(Self.intent(seats: ["A1"])) == .reject(.intentMismatch))
        #expect(verdict(Self.intent(seats: ["A1", "A1"])) == .reject(.intentMismatch))
        #expect(verdict(Self.intent(status: .declined, expiresIn: -1)) == .reject(.paymentDeclined))
        #expect(verdict(Self.intent(), ordered: true) == .reject(.alreadyOrdered))
        #expect(verdict(Self.intent(status: .approved, expiresIn: 0)) == .reject(.intentExpired))
        #expect(verdict(Self.intent(), [Self.heldSeats[0]]) == .reject(.seatUnavailable))
        let sold = [Self.heldSeats[0], SeatSnapshot(seatId: "A2", state: .sold, holderUserId: "user-1")]
        #expect(verdict(Self.intent(status: .approved), sold) == .reject(.seatUnavailable))
        let otherHolder = [Self.heldSeats[0], SeatSnapshot(seatId: "A2", state: .held, holderUserId: "user-2")]
        #expect(verdict(Self.intent(), otherHolder) == .reject(.holdMissing))
        let unheld = [Self.heldSeats[0], SeatSnapshot(seatId: "A2", state: .available, holderUserId: nil)]
        #expect(verdict(Self.intent(status: .approved), unheld) == .reject(.holdMissing))
    }

    @Test("Callbacks: recorded once, replays harmless, contradictions and mismatches refused")
    func callbackEvaluation() {
        func callback(_ outcome: CallbackOutcome, amount: Int64 = 2000, currency: String = "JPY") -> PaymentCallback {
            PaymentCallback(intentId: Samples.intentId, paymentRef: "pay_1", outcome: outcome, amount: amount,
                            currency: currency)
        }
        func decide(_ callback: PaymentCallback, _ current: PaymentState) -> CallbackDecision {
            CallbackEvaluation.decide(callback: callback, intentAmount: 2000, intentCurrency: "JPY", current: current)
        }
        #expect(decide(callback(.approved), .pending) == .record(.approved))
        #expect(decide(callback(.declined), .pending) == .record(.declined))
        #expect(decide(callback(.approved), .approved) == .replay(.approved))
        #expect(decide(callback(.declined), .declined) == .replay(.declined))
        let late = CallbackEvaluation.decide(callback: callback(.approved), intentAmount: 2000, intentCurrency: "JPY",
                                             current: .pending, orderable: false)
        #expect(late == .record(.refundDue))
        #expect(decide(callback(.approved), .refundDue) == .replay(.refundDue))
        #expect(decide(callback(.declined), .refundDue) != .replay(.refundDue))
        guard case .refuse(let conflict) = decide(callback(.declined), .approved),
              case .refuse(let mismatch) = decide(callback(.approved, amount: 1999), .pending),
              case .refuse(let currency) = decide(callback(.approved, currency: "KRW"), .pending) else {
            Issue.record("contradicting or mismatching callbacks must be refused"); return
        }
        #expect(conflict.code == .callbackConflict && conflict.status == 409)
        #expect(mismatch.code == .callbackMismatch && mismatch.status == 422)
        #expect(currency.code == .callbackMismatch)
    }

    @Test("Seat summary from state counts")
    func summaryCounts() {
        let summary = SeatSummary(eventId: "evt-0001", section: "S01", counts: [.available: 7, .sold: 2])
        #expect(summary == SeatSummary(eventId: "evt-0001", section: "S01", available: 7, held: 0, sold: 2))
        #expect(HealthReport(service: .confirmAPI, checks: ["postgres": .ok, "sqs": .ok]).httpStatus == 200)
        let failing = HealthReport(service: .confirmAPI, checks: ["postgres": .ok, "sqs": .fail])
        #expect(failing.status == .fail && failing.httpStatus == 503)
    }
}
