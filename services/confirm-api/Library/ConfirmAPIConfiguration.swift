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

    public init(paymentSignature: PaymentSignature, roomTokens: RoomTokenCheck, intentTTLSeconds: Int,
                commitQueueURL: String, seatLockTable: String) {
        self.paymentSignature = paymentSignature
        self.roomTokens = roomTokens
        self.intentTTLSeconds = intentTTLSeconds
        self.commitQueueURL = commitQueueURL
        self.seatLockTable = seatLockTable
    }

    public init(_ environment: ConfirmAPIEnvironment) {
        self.init(paymentSignature: environment.paymentSignature,
                  roomTokens: RoomTokenCheck(key: environment.roomTokenKey), intentTTLSeconds: environment.intentTTLSeconds,
                  commitQueueURL: environment.commitQueueURL.absoluteString,
                  seatLockTable: environment.service.seatLockTable)
    }
}
