/// One ECS service: its Fargate size, task counts, how it is reached and checked, and how it scales.
public struct ServiceConfig: Sendable, Equatable {
    public var name: ServiceName
    /// Fargate CPU units and memory (MiB); the pair must be in `FargateSize.memoryByCPU`.
    public var cpu: Int
    public var memory: Int
    public var desiredCount: Int
    public var minCount: Int
    public var maxCount: Int
    /// The container port; nil for the worker, which takes no traffic.
    public var port: Int?
    /// The ALB and container health check path; nil for the worker.
    public var healthPath: String?
    /// Overrides the image's command; nil keeps the image default.
    public var command: [String]?
    /// Extra environment variables, on top of the ones tpsctl derives from the outputs.
    public var environment: [String: String]
    /// Seconds ECS waits after SIGTERM before SIGKILL (the services drain in-flight work).
    public var stopTimeoutSeconds: Int
    /// Seconds the ALB health check is ignored after a task starts.
    public var healthCheckGracePeriodSeconds: Int
    public var autoscaling: ServiceAutoscaling

    public init(name: ServiceName, cpu: Int, memory: Int, desiredCount: Int, minCount: Int, maxCount: Int,
                port: Int?, healthPath: String?, command: [String]? = nil, environment: [String: String] = [:],
                stopTimeoutSeconds: Int = 30, healthCheckGracePeriodSeconds: Int = 30,
                autoscaling: ServiceAutoscaling) {
        self.name = name
        self.cpu = cpu
        self.memory = memory
        self.desiredCount = desiredCount
        self.minCount = minCount
        self.maxCount = maxCount
        self.port = port
        self.healthPath = healthPath
        self.command = command
        self.environment = environment
        self.stopTimeoutSeconds = stopTimeoutSeconds
        self.healthCheckGracePeriodSeconds = healthCheckGracePeriodSeconds
        self.autoscaling = autoscaling
    }

    /// The values used when the stack file leaves a service (or a key of it) out.
    public static func defaults(for name: ServiceName) -> ServiceConfig {
        switch name {
        case .publicAPI, .confirmAPI:
            return ServiceConfig(name: name, cpu: 1024, memory: 2048, desiredCount: 2, minCount: 2, maxCount: 20,
                                 port: 8080, healthPath: "\(name.pathPrefix!)/health",
                                 autoscaling: .defaultHTTP)
        case .confirmWorker:
            return ServiceConfig(name: name, cpu: 512, memory: 1024, desiredCount: 2, minCount: 2, maxCount: 20,
                                 port: nil, healthPath: nil, stopTimeoutSeconds: 60,
                                 healthCheckGracePeriodSeconds: 0, autoscaling: .defaultQueue)
        }
    }

    public static let portRange = 1...65535
    public static let taskCountRange = 0...5000
    public static let stopTimeoutRange = 2...120
    public static let gracePeriodRange = 0...2_147_483_647
}
