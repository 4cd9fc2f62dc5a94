import Foundation
import Ticketing

/// Where the scenario runs and what it buys. Base URLs may carry a path prefix (a CloudFront
/// or ALB domain behind a proxy path); the contract's paths are appended to them.
public struct ScenarioSettings: Sendable {
    public var publicURL: URL
    public var confirmURL: URL
    public var eventId: String
    public var section: String
    public var userId: String
    /// The longest wait for the waiting room to admit us (beyond the announced etaSec).
    public var readyTimeout: Duration
    /// The longest wait for the worker to decide the order.
    public var confirmTimeout: Duration
    public var pollInterval: Duration
    /// Per request; a hung server must fail the step, not the whole CI job.
    public var requestTimeout: Duration
    /// confirm-api's PAYMENT_WEBHOOK_SECRET: the scenario signs the provider's callback with it.
    /// Never printed (`SecretValue` redacts itself).
    public var webhookSecret: SecretValue?
    /// The declined variant: the provider declines, the order is rejected and the seat freed.
    public var declinePayment: Bool

    public init(publicURL: URL, confirmURL: URL, eventId: String = "evt-0001", section: String = "S01",
                userId: String = "e2e-" + String(UUID().uuidString.prefix(8)).lowercased(),
                readyTimeout: Duration = .seconds(60), confirmTimeout: Duration = .seconds(60),
                pollInterval: Duration = .milliseconds(200), requestTimeout: Duration = .seconds(10),
                webhookSecret: SecretValue? = nil, declinePayment: Bool = false) {
        self.webhookSecret = webhookSecret
        self.declinePayment = declinePayment
        self.publicURL = publicURL
        self.confirmURL = confirmURL
        self.eventId = eventId
        self.section = section
        self.userId = userId
        self.readyTimeout = readyTimeout
        self.confirmTimeout = confirmTimeout
        self.pollInterval = pollInterval
        self.requestTimeout = requestTimeout
    }
}
