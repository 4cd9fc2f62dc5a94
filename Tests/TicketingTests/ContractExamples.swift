import Foundation
import Testing
import Ticketing

/// One model of the contract, encoded twice: with every optional field set and with none.
struct ContractExample: Sendable, CustomTestStringConvertible {
    let schema: String
    let full: Data
    let minimal: Data
    let roundTrips: Bool

    var testDescription: String { schema }

    static func make<Model: Codable & Hashable & Sendable>(_ schema: String, full: Model, minimal: Model? = nil)
        -> ContractExample {
        let encoder = JSONCoding.makeEncoder()
        let fullData = try! encoder.encode(full)
        let minimalData = try! encoder.encode(minimal ?? full)
        let decoded = try? JSONCoding.makeDecoder().decode(Model.self, from: fullData)
        let decodedMinimal = try? JSONCoding.makeDecoder().decode(Model.self, from: minimalData)
        return ContractExample(schema: schema, full: fullData, minimal: minimalData,
                               roundTrips: decoded == full && decodedMinimal == (minimal ?? full))
    }
}

enum Samples {
    static let when = Date(timeIntervalSince1970: 1_900_000_000)
    static let intentId = "3f2c7a51-93b4-4d0e-9a51-0c7e5d1f2a64"
    static let holdId = "b1e0f7c2-58a9-4c3d-8e21-6a4f9d0b7c35"
    static let orderId = "0d9e8c7b-6a5f-4e3d-2c1b-0a9f8e7d6c5b"
    static let paymentId = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"

    static let order = OrderView(status: .rejected, orderId: orderId, intentId: intentId, eventId: "evt-0001",
                                 userId: "user-1", seatIds: ["S01-00001", "S01-00002"], reason: .seatUnavailable,
                                 updatedAt: when)
    static let pendingOrder = OrderView(status: .pending, orderId: nil, intentId: intentId, eventId: "evt-0001",
                                        userId: "user-1", seatIds: ["S01-00001"], reason: nil, updatedAt: nil)
    static let payment = PaymentView(paymentId: paymentId, intentId: intentId, status: .approved, amount: 12_000,
                                     currency: "JPY")

    static let examples: [ContractExample] = [
        .make("EnterRequest", full: EnterRequest(userId: "user-1", eventId: "evt-0001")),
        .make("EnterResponse", full: EnterResponse(roomToken: "eyJh.c2ln", position: 42, etaSec: 3)),
        .make("RoomStatusResponse", full: RoomStatusResponse(ready: false, leftSec: 7)),
        .make("SeatSummary", full: SeatSummary(eventId: "evt-0001", section: "S01", available: 10, held: 2, sold: 3)),
        .make("SeatView", full: SeatView(seatId: "S01-00001", section: "S01", state: .held)),
        .make("SeatMap", full: SeatMap(eventId: "evt-0001", seats: [SeatView(seatId: "S01-00001", section: "S01",
                                                                               state: .sold)])),
        .make("HoldRequest", full: HoldRequest(eventId: "evt-0001", seatId: "S01-00001")),
        .make("HoldResponse", full: HoldResponse(holdId: holdId, expiresAt: when)),
        .make("ReleaseRequest", full: ReleaseRequest(eventId: "evt-0001", seatId: "S01-00001", holdId: holdId)),
        .make("ReleaseResponse", full: ReleaseResponse()),
        .make("PaymentIntentRequest", full: PaymentIntentRequest(userId: "user-1", eventId: "evt-0001",
                                                                 seatIds: ["S01-00001", "S01-00002"])),
        .make("PaymentIntentResponse", full: PaymentIntentResponse(intentId: intentId, amount: 24_000,
                                                                   currency: "JPY", expiresAt: when)),
        .make("PaymentCallback", full: PaymentCallback(intentId: intentId, paymentRef: "pay_123",
                                                       outcome: .approved, amount: 24_000, currency: "JPY")),
        .make("PaymentCallbackResponse", full: PaymentCallbackResponse(intentId: intentId, paymentStatus: .approved)),
        .make("CommitRequest", full: CommitRequest(intentId: intentId, eventId: "evt-0001",
                                                   seatIds: ["S01-00001"], userId: "user-1")),
        .make("CommitAccepted", full: CommitAccepted(idem: "commit-key-0001")),
        .make("OrderView", full: order, minimal: pendingOrder),
        .make("PaymentView", full: payment),
        .make("OrderStatusResponse", full: OrderStatusResponse(idem: "commit-key-0001", order: order, payment: payment),
              minimal: OrderStatusResponse(idem: "commit-key-0001", order: pendingOrder, payment: nil)),
        .make("HealthReport", full: HealthReport(service: .publicAPI, checks: ["redis": .ok, "postgres": .fail])),
        .make("FieldProblem", full: FieldProblem(field: "seatIds[1]", message: "repeats S01-00001")),
        .make("Problem", full: Problem.validation([FieldProblem(field: "userId", message: "must not be empty")],
                                                  instance: "/public/enter"),
              minimal: Problem(.rateLimited)),
    ]
}
