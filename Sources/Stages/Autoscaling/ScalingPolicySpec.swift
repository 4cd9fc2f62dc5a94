import AWSClient
import Provisioning

/// What one Application Auto Scaling policy does, as data: the seed's policies are built from
/// these (see `AutoscalingStage`), and `configuration` renders the API document from the
/// outputs of the resources the metric names (ALB, target group, queue, cluster).
enum ScalingPolicySpec: Sendable, Hashable {
    /// Target tracking on a metric AWS predefines for ECS services.
    case targetTracking(TrackedMetric, target: Double, cooldowns: Cooldowns, disableScaleIn: Bool)
    /// Step scaling that only adds capacity: +`percent`% of the running count (at least one
    /// task) each time its CloudWatch alarm fires, then waits `cooldownSeconds`.
    case stepOut(percent: Int, cooldownSeconds: Int)

    struct Cooldowns: Sendable, Hashable {
        var scaleOutSeconds: Int
        /// Longer than scale-out: capacity is released only once load has settled.
        var scaleInSeconds: Int
    }

    enum TrackedMetric: Sendable, Hashable {
        case averageCPU
        /// ALBRequestCountPerTarget of the service's target group, labelled
        /// `<alb arnSuffix>/<target group arnSuffix>` as AWS requires.
        case requestsPerTarget(loadBalancer: Dependency<LoadBalancerResource.Outputs>, targetGroup: Dependency<TargetGroupResource.Outputs>)
        /// Visible messages of the commit queue divided by the service's running task count
        /// (Container Insights), i.e. the backlog each worker faces: tracking the raw queue depth
        /// would not shrink as tasks are added, and the policy would keep adding them.
        case backlogPerTask(queue: Dependency<SQSQueueResource.Outputs>, service: Dependency<ECSServiceResource.Outputs>)
    }

    /// The API's configuration of this kind of policy around `document`.
    func policyConfiguration(_ document: JSONValue) -> ApplicationAutoScaling.PolicyConfiguration {
        switch self {
        case .targetTracking: .targetTracking(document)
        case .stepOut: .stepScaling(document)
        }
    }

    var policyType: String { policyConfiguration([:]).policyType }

    /// The member of PutScalingPolicy that carries the configuration.
    var configurationKey: String { policyConfiguration([:]).key }

    /// Resources whose outputs the configuration reads.
    var dependencies: [ResourceAddress] {
        switch self {
        case .targetTracking(.requestsPerTarget(let loadBalancer, let targetGroup), _, _, _): [loadBalancer.address, targetGroup.address]
        case .targetTracking(.backlogPerTask(let queue, let service), _, _, _): [queue.address, service.address]
        case .targetTracking(.averageCPU, _, _, _), .stepOut: []
        }
    }

    /// The configuration document; unknown while a resource it names is yet to be created.
    func configuration(_ context: ResourceContext) throws -> PlannedValue<JSONValue> {
        switch self {
        case let .targetTracking(metric, target, cooldowns, disableScaleIn):
            guard let specification = try metricSpecification(metric, context).value else { return .knownAfterApply }
            var document: [String: JSONValue] = [
                "TargetValue": .number(target),
                "ScaleOutCooldown": .number(Double(cooldowns.scaleOutSeconds)),
                "ScaleInCooldown": .number(Double(cooldowns.scaleInSeconds)),
                "DisableScaleIn": .bool(disableScaleIn),
            ]
            for (key, value) in specification { document[key] = value }
            return .known(.object(document))
        case let .stepOut(percent, cooldownSeconds):
            return .known([
                "AdjustmentType": "PercentChangeInCapacity",
                "StepAdjustments": [["MetricIntervalLowerBound": 0, "ScalingAdjustment": .number(Double(percent))]],
                "MinAdjustmentMagnitude": 1,
                "Cooldown": .number(Double(cooldownSeconds)),
                "MetricAggregationType": "Maximum",
            ])
        }
    }

    private func metricSpecification(
        _ metric: TrackedMetric, _ context: ResourceContext
    ) throws -> PlannedValue<[String: JSONValue]> {
        switch metric {
        case .averageCPU:
            return .known(["PredefinedMetricSpecification": ["PredefinedMetricType": "ECSServiceAverageCPUUtilization"]])
        case let .requestsPerTarget(loadBalancer, targetGroup):
            let alb = try context.output(\.arnSuffix, of: loadBalancer)
            let group = try context.output(\.arnSuffix, of: targetGroup)
            guard let alb = alb.value, let group = group.value else { return .knownAfterApply }
            return .known(["PredefinedMetricSpecification": [
                "PredefinedMetricType": "ALBRequestCountPerTarget", "ResourceLabel": .string("\(alb)/\(group)"),
            ]])
        case let .backlogPerTask(queue, service):
            let queueName = try context.output(\.queueName, of: queue)
            let cluster = try context.output(\.clusterName, of: service)
            let serviceName = try context.output(\.serviceName, of: service)
            guard let queueName = queueName.value, let cluster = cluster.value, let serviceName = serviceName.value
            else { return .knownAfterApply }
            return .known(["CustomizedMetricSpecification": ["Metrics": [
                ["Id": "visible", "ReturnData": false, "MetricStat": [
                    "Metric": ["Namespace": "AWS/SQS", "MetricName": "ApproximateNumberOfMessagesVisible",
                               "Dimensions": [["Name": "QueueName", "Value": .string(queueName)]]],
                    "Stat": "Sum"]],
                ["Id": "tasks", "ReturnData": false, "MetricStat": [
                    "Metric": ["Namespace": "ECS/ContainerInsights", "MetricName": "RunningTaskCount",
                               "Dimensions": [["Name": "ClusterName", "Value": .string(cluster)],
                                              ["Name": "ServiceName", "Value": .string(serviceName)]]],
                    "Stat": "Average"]],
                // FILL(tasks, 1): a service with no datapoint yet counts as one task, never a division by zero.
                ["Id": "backlog", "Expression": "visible / FILL(tasks, 1)", "Label": "Backlog per task",
                 "ReturnData": true],
            ]]])
        }
    }
}
