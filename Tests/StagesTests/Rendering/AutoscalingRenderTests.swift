import AWSClient
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// The seed's scaling policies as AutoscalingStage renders them, from known outputs (no server).
@Suite("Stage 06 policies render as the seed says")
struct AutoscalingRenderTests {
    static let region = RegionName("ap-northeast-1")

    static func address(_ stage: Stage, _ kind: String, _ name: String) -> ResourceAddress {
        ResourceAddress(region: region, stage: stage, kind: kind, name: name)
    }

    /// The outputs stages 03 and 05 publish, as the cross-helper contract names them.
    static let outputs: [ResourceAddress: PlannedOutputs] = [
        address(.services, "load_balancer", "main"): .known(ResourceOutputs(["arnSuffix": "app/t-apne1-alb/50dc6c495c0c9188"])),
        address(.services, "target_group", "public-api"): .known(ResourceOutputs(["arnSuffix": "targetgroup/t-apne1-public/73e2d6bc24d8a067"])),
        address(.services, "ecs_service", "confirm-worker"): .known(ResourceOutputs([
            "clusterName": "t-apne1-cluster", "serviceName": "t-apne1-confirm-worker"])),
        address(.dataplane, "sqs_queue", "commit"): .known(ResourceOutputs(["queueName": "t-apne1-commit.fifo"])),
    ]

    static func context(_ address: ResourceAddress, outputs: [ResourceAddress: PlannedOutputs] = outputs) -> ResourceContext {
        ResourceContext(stack: "t", address: address, phase: .plan, dependencyOutputs: outputs)
    }

    static func stage() throws -> AutoscalingStage {
        let stack = try UnitFixtures.stack()
        return AutoscalingStage(stack: stack, target: RegionTarget(config: stack.regions[0], client: UnitFixtures.client()))
    }

    func policy(_ name: String) throws -> ScalingPolicyResource {
        try #require(try Self.stage().resources().compactMap { $0 as? ScalingPolicyResource }.first { $0.address.name == name })
    }

    @Test("request-count tracking: 800 per target, labelled <alb arnSuffix>/<target group arnSuffix>")
    func requestCount() throws {
        let resource = try policy("public-api-requests")
        let document = try #require(try resource.spec.configuration(Self.context(resource.address)).value)
        #expect(document["TargetValue"]?.double == 800)
        #expect(document["PredefinedMetricSpecification"]?["PredefinedMetricType"]?.string == "ALBRequestCountPerTarget")
        #expect(document["PredefinedMetricSpecification"]?["ResourceLabel"]?.string
            == "app/t-apne1-alb/50dc6c495c0c9188/targetgroup/t-apne1-public/73e2d6bc24d8a067")
        #expect(document["ScaleInCooldown"]?.int == 300)
        #expect(document["ScaleOutCooldown"]?.int == 60)
        #expect(document["DisableScaleIn"]?.bool == false)
    }

    @Test("CPU tracking at 60%; the worker's CPU tracker never scales in")
    func cpu() throws {
        let apiPolicy = try policy("public-api-cpu")
        let api = try #require(try apiPolicy.spec.configuration(Self.context(apiPolicy.address)).value)
        #expect(api["TargetValue"]?.double == 60)
        #expect(api["DisableScaleIn"]?.bool == false)
        let workerPolicy = try policy("confirm-worker-cpu")
        let worker = try #require(try workerPolicy.spec.configuration(Self.context(workerPolicy.address)).value)
        #expect(worker["DisableScaleIn"]?.bool == true)
    }

    @Test("latency step: +20% of the running count (at least one task) when p95 TargetResponseTime > 0.2 s")
    func latencyStep() throws {
        let step = try policy("public-api-latency-step")
        let document = try #require(try step.spec.configuration(Self.context(step.address)).value)
        #expect(step.spec.policyType == "StepScaling")
        #expect(document["AdjustmentType"]?.string == "PercentChangeInCapacity")
        #expect(document["StepAdjustments"]?[0]?["ScalingAdjustment"]?.int == 20)
        #expect(document["StepAdjustments"]?[0]?["MetricIntervalLowerBound"]?.int == 0)
        #expect(document["MinAdjustmentMagnitude"]?.int == 1)
        #expect(document["Cooldown"]?.int == 60)

        let alarm = try #require(try Self.stage().resources().compactMap { $0 as? MetricAlarmResource }
            .first { $0.address.name == "public-api-latency-p95" })
        #expect(alarm.policy?.address == step.address)
        let metric = try #require(try alarm.spec.metric(Self.context(alarm.address)).value)
        #expect(metric["MetricName"]?.string == "TargetResponseTime")
        #expect(metric["ExtendedStatistic"]?.string == "p95")
        #expect(metric["Threshold"]?.double == 0.2)
        #expect(metric["ComparisonOperator"]?.string == "GreaterThanThreshold")
        #expect(metric["Dimensions"]?[0]?["Value"]?.string == "app/t-apne1-alb/50dc6c495c0c9188")
    }

    @Test("worker: backlog per task from the queue and Container Insights, and a step on the oldest message's age")
    func worker() throws {
        let backlog = try policy("confirm-worker-backlog")
        let document = try #require(try backlog.spec.configuration(Self.context(backlog.address)).value)
        let metrics = try #require(document["CustomizedMetricSpecification"]?["Metrics"]?.array)
        #expect(metrics.filter { $0["ReturnData"]?.bool == true }.count == 1)
        #expect(metrics[0]["MetricStat"]?["Metric"]?["MetricName"]?.string == "ApproximateNumberOfMessagesVisible")
        #expect(metrics[0]["MetricStat"]?["Metric"]?["Dimensions"]?[0]?["Value"]?.string == "t-apne1-commit.fifo")
        #expect(metrics[1]["MetricStat"]?["Metric"]?["MetricName"]?.string == "RunningTaskCount")
        #expect(document["TargetValue"]?.double == 100)
        let alarm = try #require(try Self.stage().resources().compactMap { $0 as? MetricAlarmResource }
            .first { $0.address.name == "confirm-worker-queue-age" })
        let metric = try #require(try alarm.spec.metric(Self.context(alarm.address)).value)
        #expect(metric["MetricName"]?.string == "ApproximateAgeOfOldestMessage")
        #expect(metric["Threshold"]?.double == 30)
    }

    @Test("a policy whose ALB is yet to be created is unknown, not wrong")
    func unknownUntilApplied() throws {
        let resource = try policy("public-api-requests")
        var outputs = Self.outputs
        outputs[Self.address(.services, "load_balancer", "main")] = .knownAfterApply
        #expect(try resource.spec.configuration(Self.context(resource.address, outputs: outputs)) == .knownAfterApply)
    }

    @Test("AWS's echo with defaults added and 60.0 for 60 compares equal; a changed target does not")
    func projection() throws {
        let desired: JSONValue = ["TargetValue": 60, "DisableScaleIn": false,
                                  "PredefinedMetricSpecification": ["PredefinedMetricType": "ECSServiceAverageCPUUtilization"]]
        let live = try JSONValue(parsing: #"{"TargetValue": 60.0, "DisableScaleIn": false, "ScaleInCooldown": 300, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}"#)
        #expect(JSONProjection.text(live, onto: desired) == desired.encodedString())
        let changed = try JSONValue(parsing: #"{"TargetValue": 70, "DisableScaleIn": false, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}"#)
        #expect(JSONProjection.text(changed, onto: desired) != desired.encodedString())
    }

    @Test("every service gets a scalable target with the stack's bounds")
    func targets() throws {
        let targets = try Self.stage().resources().compactMap { $0 as? ScalableTargetResource }
        #expect(targets.map(\.address.name).sorted() == ["confirm-api", "confirm-worker", "public-api"])
        let api = try #require(targets.first { $0.address.name == "public-api" })
        #expect(api.minCapacity == 2 && api.maxCapacity == 20)
    }
}
