/// The seed's load-test checklist as CloudWatch metrics of one region: ALB throughput,
/// latency and status classes per target group; ECS CPU, memory and task count (the scaling
/// reaction) per service; the commit queue, its retries and DLQ; Aurora; Redis.
public enum FigureCatalog {
    public static func rows(_ deployment: DeploymentDimensions, redisNodes: [String]) -> [FigureRow] {
        alb(deployment) + ecs(deployment) + sqs(deployment) + aurora(deployment) + redis(redisNodes)
    }

    static func alb(_ deployment: DeploymentDimensions) -> [FigureRow] {
        var rows: [FigureRow] = []
        for group in deployment.targetGroups {
            let dimensions = [MetricQuery.Dimension("LoadBalancer", deployment.loadBalancer),
                              MetricQuery.Dimension("TargetGroup", group.dimension)]
            func metric(_ name: String, _ stat: String) -> MetricQuery {
                MetricQuery("AWS/ApplicationELB", name, dimensions, stat)
            }
            let requests = metric("RequestCount", "Sum")
            let ok = metric("HTTPCode_Target_2XX_Count", "Sum")
            rows += [
                FigureRow("ALB \(group.service) req/s", .perSecond, [requests]) { values, seconds in
                    values[0].map { $0 / seconds }
                },
                FigureRow("ALB \(group.service) requests", .count, requests),
                FigureRow("ALB \(group.service) target p95 ms", .milliseconds, metric("TargetResponseTime", "p95"), scale: 1000),
                FigureRow("ALB \(group.service) target p99 ms", .milliseconds, metric("TargetResponseTime", "p99"), scale: 1000),
                FigureRow("ALB \(group.service) target 2xx", .count, ok),
                FigureRow("ALB \(group.service) target 4xx", .count, metric("HTTPCode_Target_4XX_Count", "Sum")),
                FigureRow("ALB \(group.service) target 5xx", .count, metric("HTTPCode_Target_5XX_Count", "Sum")),
                .ratio("ALB \(group.service) 2xx ratio", part: [ok], whole: [requests]),
            ]
        }
        rows.append(FigureRow("ALB ELB 5xx", .count, MetricQuery(
            "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", [.init("LoadBalancer", deployment.loadBalancer)], "Sum")))
        return rows
    }

    static func ecs(_ deployment: DeploymentDimensions) -> [FigureRow] {
        deployment.services.flatMap { service -> [FigureRow] in
            let dimensions = [MetricQuery.Dimension("ClusterName", service.cluster),
                              MetricQuery.Dimension("ServiceName", service.service)]
            let name = service.role
            return [
                FigureRow("ECS \(name) CPU avg", .percent, MetricQuery("AWS/ECS", "CPUUtilization", dimensions, "Average")),
                FigureRow("ECS \(name) CPU max", .percent, MetricQuery("AWS/ECS", "CPUUtilization", dimensions, "Maximum")),
                FigureRow("ECS \(name) memory avg", .percent, MetricQuery("AWS/ECS", "MemoryUtilization", dimensions, "Average")),
                FigureRow("ECS \(name) memory max", .percent, MetricQuery("AWS/ECS", "MemoryUtilization", dimensions, "Maximum")),
                FigureRow("ECS \(name) running tasks min", .count,
                          MetricQuery("ECS/ContainerInsights", "RunningTaskCount", dimensions, "Minimum")),
                FigureRow("ECS \(name) running tasks max", .count,
                          MetricQuery("ECS/ContainerInsights", "RunningTaskCount", dimensions, "Maximum")),
            ]
        }
    }

    static func sqs(_ deployment: DeploymentDimensions) -> [FigureRow] {
        func queue(_ name: String, _ metric: String, _ stat: String) -> MetricQuery {
            MetricQuery("AWS/SQS", metric, [.init("QueueName", name)], stat)
        }
        let commit = deployment.commitQueue
        let sent = queue(commit, "NumberOfMessagesSent", "Sum")
        let received = queue(commit, "NumberOfMessagesReceived", "Sum")
        let deleted = queue(commit, "NumberOfMessagesDeleted", "Sum")
        let deadLetters = queue(deployment.deadLetterQueue, "ApproximateNumberOfMessagesVisible", "Maximum")
        return [
            FigureRow("SQS commit visible max", .count, queue(commit, "ApproximateNumberOfMessagesVisible", "Maximum")),
            FigureRow("SQS commit oldest message age max s", .seconds, queue(commit, "ApproximateAgeOfOldestMessage", "Maximum")),
            FigureRow("SQS commit sent", .count, sent),
            FigureRow("SQS commit received", .count, received),
            FigureRow("SQS commit deleted", .count, deleted),
            FigureRow("SQS commit receives per delete (retries)", .plain, [received, deleted]) { values, _ in
                guard let received = values[0], let deleted = values[1], deleted > 0 else { return nil }
                return received / deleted
            },
            FigureRow("SQS DLQ visible max", .count, deadLetters),
            .ratio("SQS DLQ ratio (DLQ visible max / sent)", part: [deadLetters], whole: [sent]),
        ]
    }

    static func aurora(_ deployment: DeploymentDimensions) -> [FigureRow] {
        func cluster(_ metric: String, _ stat: String) -> MetricQuery {
            MetricQuery("AWS/RDS", metric, [.init("DBClusterIdentifier", deployment.auroraCluster)], stat)
        }
        return [
            FigureRow("Aurora connections max", .count, cluster("DatabaseConnections", "Maximum")),
            FigureRow("Aurora commit latency avg ms", .milliseconds, cluster("CommitLatency", "Average")),
            // Aurora MySQL publishes SelectLatency; on Aurora PostgreSQL the row says "no data".
            FigureRow("Aurora select latency avg ms", .milliseconds, cluster("SelectLatency", "Average")),
            FigureRow("Aurora CPU max", .percent, cluster("CPUUtilization", "Maximum")),
            FigureRow("Aurora serverless capacity max ACU", .plain, cluster("ServerlessDatabaseCapacity", "Maximum")),
        ]
    }

    /// ElastiCache publishes per node (`CacheClusterId` is a member cluster of the group).
    static func redis(_ nodes: [String]) -> [FigureRow] {
        func each(_ metric: String, _ stat: String) -> [MetricQuery] {
            nodes.map { MetricQuery("AWS/ElastiCache", metric, [.init("CacheClusterId", $0)], stat) }
        }
        let hits = each("CacheHits", "Sum")
        let misses = each("CacheMisses", "Sum")
        return [
            .across("Redis cache hits", .count, hits, max: false),
            .across("Redis cache misses", .count, misses, max: false),
            .ratio("Redis hit ratio", part: hits, whole: misses, wholeAddsPart: true),
            .across("Redis connections max (all nodes)", .count, each("CurrConnections", "Maximum"), max: false),
            .across("Redis engine CPU max", .percent, each("EngineCPUUtilization", "Maximum"), max: true),
        ]
    }
}
