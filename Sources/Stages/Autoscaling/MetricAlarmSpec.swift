import AWSClient
import Provisioning

/// A CloudWatch alarm's metric and threshold: which metric, which statistic, how long it must
/// breach. Dimensions come from other resources' outputs.
struct MetricAlarmSpec: Sendable, Hashable {
    enum Watched: Sendable, Hashable {
        /// p95 of TargetResponseTime of one target group behind the ALB.
        case responseTimeP95(loadBalancer: Dependency<LoadBalancerResource.Outputs>, targetGroup: Dependency<TargetGroupResource.Outputs>)
        /// ApproximateAgeOfOldestMessage of the commit queue.
        case oldestMessageAge(queue: Dependency<SQSQueueResource.Outputs>)
        /// ApproximateNumberOfMessagesVisible of the commit DLQ: any dead letter is an order
        /// nobody decided, which an operator must look at (`tpsctl dlq list`).
        case deadLetterDepth(queue: Dependency<SQSQueueResource.Outputs>)
    }

    var watched: Watched
    /// Seconds (TargetResponseTime is in seconds: 200 ms is 0.2).
    var threshold: Double
    var periodSeconds: Int = 60
    /// Breaching datapoints out of `evaluationPeriods` before it fires: one noisy minute is not enough.
    var evaluationPeriods: Int = 3
    var datapointsToAlarm: Int = 2

    /// The commit DLQ's depth above 0 for one minute: a single dead letter already needs an operator.
    static func deadLetters(queue: Dependency<SQSQueueResource.Outputs>) -> MetricAlarmSpec {
        MetricAlarmSpec(watched: .deadLetterDepth(queue: queue), threshold: 0, evaluationPeriods: 1, datapointsToAlarm: 1)
    }

    var dependencies: [ResourceAddress] {
        switch watched {
        case let .responseTimeP95(loadBalancer, targetGroup): [loadBalancer.address, targetGroup.address]
        case let .oldestMessageAge(queue), let .deadLetterDepth(queue): [queue.address]
        }
    }

    var summary: String {
        switch watched {
        case .responseTimeP95: "TargetResponseTime p95 above \(threshold)s: add tasks (tpsctl)"
        case .oldestMessageAge: "commit queue oldest message older than \(Int(threshold))s: add workers (tpsctl)"
        case .deadLetterDepth: "commit DLQ holds messages: see `tpsctl dlq list`, then `tpsctl dlq redrive` (tpsctl)"
        }
    }

    /// The PutMetricAlarm members that describe the metric and threshold (not name, actions, tags).
    func metric(_ context: ResourceContext) throws -> PlannedValue<JSONValue> {
        var document: [String: JSONValue] = [
            "Period": .number(Double(periodSeconds)), "EvaluationPeriods": .number(Double(evaluationPeriods)),
            "DatapointsToAlarm": .number(Double(datapointsToAlarm)), "Threshold": .number(threshold),
            "ComparisonOperator": "GreaterThanThreshold",
            // No traffic is not slowness, and an empty queue has no old message.
            "TreatMissingData": "notBreaching",
        ]
        switch watched {
        case let .responseTimeP95(loadBalancer, targetGroup):
            let alb = try context.output(\.arnSuffix, of: loadBalancer)
            let group = try context.output(\.arnSuffix, of: targetGroup)
            guard let alb = alb.value, let group = group.value else { return .knownAfterApply }
            document["Namespace"] = "AWS/ApplicationELB"
            document["MetricName"] = "TargetResponseTime"
            document["ExtendedStatistic"] = "p95"
            document["Dimensions"] = [["Name": "LoadBalancer", "Value": .string(alb)],
                                      ["Name": "TargetGroup", "Value": .string(group)]]
        case let .oldestMessageAge(queue):
            guard let name = try context.output(\.queueName, of: queue).value else { return .knownAfterApply }
            document["Namespace"] = "AWS/SQS"
            document["MetricName"] = "ApproximateAgeOfOldestMessage"
            document["Statistic"] = "Maximum"
            document["Dimensions"] = [["Name": "QueueName", "Value": .string(name)]]
        case let .deadLetterDepth(queue):
            guard let name = try context.output(\.queueName, of: queue).value else { return .knownAfterApply }
            document["Namespace"] = "AWS/SQS"
            document["MetricName"] = "ApproximateNumberOfMessagesVisible"
            document["Statistic"] = "Maximum"
            document["Dimensions"] = [["Name": "QueueName", "Value": .string(name)]]
        }
        return .known(.object(document))
    }
}
