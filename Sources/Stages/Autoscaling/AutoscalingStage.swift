import AWSClient
import Provisioning
import Stack

/// Stage 06-autoscaling of one region: the seed's scaling policies on the three ECS services.
///
/// Every service gets a scalable target (min/max from the stack) and CPU target tracking. The
/// APIs add ALBRequestCountPerTarget tracking and a scale-out-only step policy on p95
/// TargetResponseTime; the worker tracks its queue backlog per task and steps out when the
/// oldest message gets old. Scale-in is conservative: longer scale-in cooldowns, step policies
/// never remove tasks, and the worker's CPU tracker does not scale in (an I/O-bound worker
/// idles on CPU while it drains a backlog; the backlog tracker decides when workers go).
/// One more alarm, with no action, watches the commit DLQ: a dead letter is an order nobody
/// decided, for an operator (`tpsctl dlq list|redrive`), not for scaling.
struct AutoscalingStage: StageContribution {
    let stack: Stack
    let target: RegionTarget

    var region: RegionName { RegionName(target.name) }
    var namer: ResourceNamer { stack.namer(for: target.config.region) }

    func address(_ kind: String, _ name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: .autoscaling, kind: kind, name: name)
    }

    var loadBalancer: Dependency<LoadBalancerResource.Outputs> { ServicesStage.loadBalancer(region) }
    var commitQueue: Dependency<SQSQueueResource.Outputs> { DataPlaneStage.commitQueue(region) }
    var deadLetterQueue: Dependency<SQSQueueResource.Outputs> { DataPlaneStage.deadLetterQueue(region) }
    var deadLetterAlarm: ResourceAddress { address("cloudwatch_alarm", Self.deadLetterAlarmName) }
    static let deadLetterAlarmName = "commit-dlq-depth"

    func scalableTarget(_ service: ServiceName) -> Dependency<ScalableTargetResource.Outputs> {
        Dependency(address("scalable_target", service.rawValue))
    }

    func resources() -> [any Resource] {
        ServiceName.allCases.flatMap(resources(for:)) + [
            MetricAlarmResource(address: deadLetterAlarm, client: target.client,
                                alarmName: namer.name(Self.deadLetterAlarmName, limit: .cloudWatchAlarm),
                                policy: nil, spec: .deadLetters(queue: deadLetterQueue)),
        ]
    }

    func resources(for name: ServiceName) -> [any Resource] {
        let service = stack.service(name, in: target.config.region)
        let scaling = service.autoscaling
        let ecsService = ServicesStage.ecsService(region, name)
        let targetAddress = scalableTarget(name)
        let cooldowns = ScalingPolicySpec.Cooldowns(scaleOutSeconds: scaling.scaleOutCooldownSeconds,
                                                    scaleInSeconds: scaling.scaleInCooldownSeconds)
        func policy(_ suffix: String, _ spec: ScalingPolicySpec) -> ScalingPolicyResource {
            ScalingPolicyResource(address: address("scaling_policy", "\(name.rawValue)-\(suffix)"), client: target.client,
                                  target: targetAddress, policyName: namer.name("\(name.rawValue)-\(suffix)"), spec: spec)
        }
        func alarm(_ suffix: String, firing policy: ScalingPolicyResource, _ spec: MetricAlarmSpec) -> MetricAlarmResource {
            MetricAlarmResource(address: address("cloudwatch_alarm", "\(name.rawValue)-\(suffix)"), client: target.client,
                                alarmName: namer.name("\(name.rawValue)-\(suffix)", limit: .cloudWatchAlarm),
                                policy: policy.reference, spec: spec)
        }
        /// A scale-out-only step policy and the alarm that fires it.
        func stepOut(_ suffix: String, percent: Int, alarm alarmSuffix: String, _ spec: MetricAlarmSpec) -> [any Resource] {
            let step = policy(suffix, .stepOut(percent: percent, cooldownSeconds: scaling.scaleOutCooldownSeconds))
            return [step, alarm(alarmSuffix, firing: step, spec)]
        }
        var resources: [any Resource] = [
            ScalableTargetResource(address: targetAddress.address, client: target.client, service: ecsService,
                                   minCapacity: service.minCount, maxCapacity: service.maxCount),
            policy("cpu", .targetTracking(.averageCPU, target: Double(scaling.cpuTargetPercent), cooldowns: cooldowns,
                                          disableScaleIn: !name.servesHTTP)),
        ]
        if let http = scaling.http {
            let targetGroup = ServicesStage.targetGroup(region, name)
            resources.append(policy("requests", .targetTracking(
                .requestsPerTarget(loadBalancer: loadBalancer, targetGroup: targetGroup),
                target: Double(http.requestsPerTarget), cooldowns: cooldowns, disableScaleIn: false)))
            resources += stepOut("latency-step", percent: http.latencyStepPercent, alarm: "latency-p95", MetricAlarmSpec(
                watched: .responseTimeP95(loadBalancer: loadBalancer, targetGroup: targetGroup),
                threshold: Double(http.latencyP95Milliseconds) / 1000))
        }
        if let queue = scaling.queue {
            resources.append(policy("backlog", .targetTracking(
                .backlogPerTask(queue: commitQueue, service: ecsService),
                target: Double(queue.messagesPerTask), cooldowns: cooldowns, disableScaleIn: false)))
            resources += stepOut("queue-age-step", percent: queue.stepPercent, alarm: "queue-age", MetricAlarmSpec(
                watched: .oldestMessageAge(queue: commitQueue), threshold: Double(queue.oldestMessageAgeSeconds)))
        }
        return resources
    }

    func sweeps() -> [KindSweep] {
        [
            KindSweep(ScalableTargetResource.self, region: region, stage: .autoscaling,
                      scope: ClusterScope(client: target.client, region: region, clusterName: namer.name("cluster", limit: .ecsCluster))),
            KindSweep(MetricAlarmResource.self, region: region, stage: .autoscaling,
                      scope: NamePrefixScope(client: target.client, namePrefix: "\(stack.name)-\(target.config.region.shortName)-")),
        ]
    }
}
