import FoundationEssentials
import Ticketing

/// What the routes need besides their clients: the callback verifier, the room-token check, how
/// long an intent may be committed, the commit queue and the seat-lock table. Built from `ConfirmAPIEnvironment` in
/// production; tests build it directly against their own queue and table.
public struct ConfirmAPIConfiguration: Sendable {
    public var paymentSignature: PaymentSignature
    public var intentTTLSeconds: Int
    public var commitQueueURL: String
    public var seatLockTable: String
    public var roomTokens: RoomTokenCheck
    /// payment-intent and commit are answered only in the home region (`app.homeRegion`); the
    /// callback is answered wherever its intent is (see `ConfirmAPI.router`).
    public var sales: SalesRegion

    public init(paymentSignature: PaymentSignature, roomTokens: RoomTokenCheck, intentTTLSeconds: Int,
                commitQueueURL: String, seatLockTable: String, sales: SalesRegion = .home("ap-northeast-1")) {
        self.paymentSignature = paymentSignature
        self.roomTokens = roomTokens
        self.intentTTLSeconds = intentTTLSeconds
        self.commitQueueURL = commitQueueURL
        self.seatLockTable = seatLockTable
        self.sales = sales
    }

    public init(_ environment: ConfirmAPIEnvironment) {
        self.init(paymentSignature: environment.paymentSignature,
                  roomTokens: RoomTokenCheck(key: environment.roomTokenKey), intentTTLSeconds: environment.intentTTLSeconds,
                  commitQueueURL: environment.commitQueueURL.absoluteString,
                  seatLockTable: environment.service.seatLockTable, sales: environment.sales)
    }
}
