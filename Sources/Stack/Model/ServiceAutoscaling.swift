/// The seed's scaling policies for one service (stage 06).
///
/// Every service tracks CPU. The APIs add request-count tracking and a step policy on p95
/// latency; the worker follows the commit queue's depth and the age of its oldest message.
/// Scale-in uses a longer cooldown than scale-out so capacity is released only once load has settled.
public struct ServiceAutoscaling: Sendable, Equatable {
    public var cpuTargetPercent: Int
    public var scaleOutCooldownSeconds: Int
    public var scaleInCooldownSeconds: Int
    /// Set for the APIs, nil for the worker.
    public var http: HTTPScaling?
    /// Set for the worker, nil for the APIs.
    public var queue: QueueScaling?

    public init(cpuTargetPercent: Int = 60, scaleOutCooldownSeconds: Int = 60, scaleInCooldownSeconds: Int = 300,
                http: HTTPScaling? = nil, queue: QueueScaling? = nil) {
        self.cpuTargetPercent = cpuTargetPercent
        self.scaleOutCooldownSeconds = scaleOutCooldownSeconds
        self.scaleInCooldownSeconds = scaleInCooldownSeconds
        self.http = http
        self.queue = queue
    }

    public static let defaultHTTP = ServiceAutoscaling(http: HTTPScaling())
    public static let defaultQueue = ServiceAutoscaling(queue: QueueScaling())
    public static let percentRange = 10...95
    public static let cooldownRange = 0...3600
}

/// ALB-driven scaling of an API service.
public struct HTTPScaling: Sendable, Equatable {
    /// Target of ALBRequestCountPerTarget (requests per task per minute-period, as AWS defines it).
    public var requestsPerTarget: Int
    /// TargetResponseTime p95 above this (ms) triggers the step policy.
    public var latencyP95Milliseconds: Int
    /// How much the step policy adds, as a percentage of the current task count.
    public var latencyStepPercent: Int

    public init(requestsPerTarget: Int = 800, latencyP95Milliseconds: Int = 200, latencyStepPercent: Int = 20) {
        self.requestsPerTarget = requestsPerTarget
        self.latencyP95Milliseconds = latencyP95Milliseconds
        self.latencyStepPercent = latencyStepPercent
    }
}

/// Queue-driven scaling of the worker.
public struct QueueScaling: Sendable, Equatable {
    /// Target of ApproximateNumberOfMessagesVisible per running task.
    public var messagesPerTask: Int
    /// ApproximateAgeOfOldestMessage above this (s) adds tasks by `stepPercent`.
    public var oldestMessageAgeSeconds: Int
    public var stepPercent: Int

    public init(messagesPerTask: Int = 100, oldestMessageAgeSeconds: Int = 30, stepPercent: Int = 20) {
        self.messagesPerTask = messagesPerTask
        self.oldestMessageAgeSeconds = oldestMessageAgeSeconds
        self.stepPercent = stepPercent
    }
}
