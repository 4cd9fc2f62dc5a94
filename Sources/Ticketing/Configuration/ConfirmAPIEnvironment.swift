import FoundationEssentials

/// confirm-api's configuration: the shared part plus the commit queue, the callback secret and
/// the room token key (intent and commit are made by the token's user only).
public struct ConfirmAPIEnvironment: Sendable {
    public let service: ServiceEnvironment
    /// The home region (SALES_REGION) and this one: writes are answered only at home.
    public let sales: SalesRegion
    /// The SQS FIFO queue commits are sent to (COMMIT_QUEUE_URL).
    public let commitQueueURL: URL
    /// Verifies provider callbacks (PAYMENT_WEBHOOK_SECRET, at least 32 bytes).
    public let paymentSignature: PaymentSignature
    /// How long a payment intent may be committed (HOLD_TTL_SEC, as the holds it prices).
    public let intentTTLSeconds: Int
    /// Checks the room tokens intent and commit require (ROOM_TOKEN_KEY, public-api's key).
    public let roomTokenKey: RoomTokenKey

    public static let minimumWebhookSecretBytes = 32

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EnvironmentError) {
        let reader = EnvironmentReader(values: environment)
        service = try ServiceEnvironment(role: .confirmAPI, reader: reader)
        commitQueueURL = try reader.url(.commitQueueURL)
        paymentSignature = PaymentSignature(
            secret: try reader.secret(.paymentWebhookSecret, minimumBytes: Self.minimumWebhookSecretBytes))
        intentTTLSeconds = try reader.int(.holdTTLSec, in: 1...3600)
        sales = try SalesRegion(reader: reader, current: service.region)
        let tokenSecret = try reader.secret(.roomTokenKey, minimumBytes: RoomTokenKey.minimumKeyBytes)
        do {
            roomTokenKey = try RoomTokenKey(secret: tokenSecret)
        } catch {
            throw .invalid(.roomTokenKey, reason: "must be at least \(RoomTokenKey.minimumKeyBytes) bytes long")
        }
    }
}
