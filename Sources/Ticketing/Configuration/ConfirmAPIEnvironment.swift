import FoundationEssentials

/// confirm-api's configuration: the shared part plus the commit queue and the callback secret.
public struct ConfirmAPIEnvironment: Sendable {
    public let service: ServiceEnvironment
    /// The SQS FIFO queue commits are sent to (COMMIT_QUEUE_URL).
    public let commitQueueURL: URL
    /// Verifies provider callbacks (PAYMENT_WEBHOOK_SECRET, at least 32 bytes).
    public let paymentSignature: PaymentSignature
    /// How long a payment intent may be committed (HOLD_TTL_SEC, as the holds it prices).
    public let intentTTLSeconds: Int

    public static let minimumWebhookSecretBytes = 32

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EnvironmentError) {
        let reader = EnvironmentReader(values: environment)
        service = try ServiceEnvironment(role: .confirmAPI, reader: reader)
        commitQueueURL = try reader.url(.commitQueueURL)
        paymentSignature = PaymentSignature(
            secret: try reader.secret(.paymentWebhookSecret, minimumBytes: Self.minimumWebhookSecretBytes))
        intentTTLSeconds = try reader.int(.holdTTLSec, in: 1...3600)
    }
}
