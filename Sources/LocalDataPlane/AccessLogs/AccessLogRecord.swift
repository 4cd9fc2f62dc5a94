import FoundationEssentials

/// One request as an ALB access log records it, kept as values on the request path; the line
/// is formatted when the log is delivered (``AccessLogLine``), off the request path.
public struct AccessLogRecord: Sendable {
    /// What the load balancer did with the request (`actions_executed`).
    public enum Action: String, Sendable {
        case forward
        case fixedResponse = "fixed-response"
        case redirect
    }

    /// When the request's head arrived (`request_creation_time`), seconds since 1970.
    public var received: Double
    /// When the answer was complete (`time`).
    public var answered: Double
    public var clientAddress: String
    public var clientPort: Int
    /// nil: no target took the request.
    public var target: TargetEndpoint?
    public var targetGroupArn: String?
    /// Seconds from the request's arrival to sending it to the target; nil without a target (-1).
    public var requestProcessingTime: Double?
    /// Seconds from sending the request to the target's response head; nil when none came (-1).
    public var targetProcessingTime: Double?
    public var responseProcessingTime: Double?
    public var elbStatus: Int
    /// nil: the target did not answer (`-`).
    public var targetStatus: Int?
    public var receivedBytes: Int
    public var sentBytes: Int
    /// `GET http://host:80/path?query HTTP/1.1`.
    public var requestLine: String
    public var userAgent: String?
    public var domainName: String?
    public var actions: [Action]
    public var redirectURL: String?

    public init(received: Double, answered: Double, clientAddress: String, clientPort: Int, target: TargetEndpoint? = nil,
                targetGroupArn: String? = nil, requestProcessingTime: Double? = nil, targetProcessingTime: Double? = nil,
                responseProcessingTime: Double? = nil, elbStatus: Int, targetStatus: Int? = nil, receivedBytes: Int,
                sentBytes: Int, requestLine: String, userAgent: String? = nil, domainName: String? = nil,
                actions: [Action], redirectURL: String? = nil) {
        self.received = received
        self.answered = answered
        self.clientAddress = clientAddress
        self.clientPort = clientPort
        self.target = target
        self.targetGroupArn = targetGroupArn
        self.requestProcessingTime = requestProcessingTime
        self.targetProcessingTime = targetProcessingTime
        self.responseProcessingTime = responseProcessingTime
        self.elbStatus = elbStatus
        self.targetStatus = targetStatus
        self.receivedBytes = receivedBytes
        self.sentBytes = sentBytes
        self.requestLine = requestLine
        self.userAgent = userAgent
        self.domainName = domainName
        self.actions = actions
        self.redirectURL = redirectURL
    }

    /// The wall clock, seconds since 1970 (what the log's times are).
    public static func now() -> Double { Date().timeIntervalSince1970 }
}
