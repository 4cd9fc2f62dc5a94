import AWSClient
import Foundation
import Provisioning
import Stack
@testable import Stages
import Testing
@testable import StagesTestSupport

/// Stage 06's resources against the local AWS on real ECS services, driven through the
/// resource contract with the outputs stages 03 and 05 publish, checked by independent reads.
@Suite("Stage 06 autoscaling against the local AWS", .serialized)
struct AutoscalingResourceTests {
    static let region = RegionName("ap-northeast-1")

    /// A cluster and the three services for the scalable targets to point at.
    func services(_ client: AWSClient, cluster: String) async throws {
        _ = try await client.json(.ecs, "CreateCluster", ["clusterName": .string(cluster)])
        _ = try await client.json(.ecs, "RegisterTaskDefinition", [
            "family": .string(cluster + "-probe"), "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
            "cpu": "256", "memory": "512",
            "containerDefinitions": [["name": "probe", "image": .string("probe@sha256:" + String(repeating: "0", count: 64)),
                                      "essential": true]],
        ])
        for service in ServiceName.allCases {
            _ = try await client.json(.ecs, "CreateService", [
                "cluster": .string(cluster), "serviceName": .string("\(cluster)-\(service.rawValue)"),
                "taskDefinition": .string(cluster + "-probe"), "desiredCount": 0,
            ])
        }
    }

    func removeServices(_ client: AWSClient, cluster: String) async throws {
        for service in ServiceName.allCases {
            _ = try? await client.json(.ecs, "DeleteService", [
                "cluster": .string(cluster), "service": .string("\(cluster)-\(service.rawValue)"), "force": true,
            ])
        }
        _ = try? await client.json(.ecs, "DeleteCluster", ["cluster": .string(cluster)])
    }

    func stage(_ test: TestStack, minCount: Int = 2) throws -> AutoscalingStage {
        let deployment = try test.deployment()
        var stack = deployment.stack
        for service in ServiceName.allCases { stack.services[service].minCount = minCount }
        let target = try #require(try test.targets(deployment).first { $0.name == "ap-northeast-1" })
        return AutoscalingStage(stack: stack, target: target)
    }

    @Test("targets, policies and alarms are created as the seed says; a second pass changes nothing; a min change updates the target; teardown leaves nothing")
    func lifecycle() async throws {
        let test = try TestStack("scale")
        defer { test.removeFiles() }
        let client = try test.client("ap-northeast-1")
        let cluster = "\(test.name)-apne1-cluster"
        try await services(client, cluster: cluster)
        var driver = ResourceDriver(stack: test.name)
        let first = try stage(test)
        for service in ServiceName.allCases {
            driver.outputs[ServicesStage.ecsService(first.region, service).address] = .known(ResourceOutputs([
                "clusterName": cluster, "serviceName": "\(cluster)-\(service.rawValue)"]))
            driver.outputs[ServicesStage.targetGroup(first.region, service).address] = .known(ResourceOutputs([
                "arnSuffix": "targetgroup/\(test.name)-\(service.rawValue)/0123456789abcdef"]))
        }
        driver.outputs[first.loadBalancer.address] = .known(ResourceOutputs(["arnSuffix": "app/\(test.name)-alb/fedcba9876543210"]))
        driver.outputs[first.commitQueue.address] = .known(ResourceOutputs(["queueName": "\(test.name)-apne1-commit.fifo"]))
        driver.outputs[first.deadLetterQueue.address] = .known(ResourceOutputs(["queueName": "\(test.name)-apne1-commit-dlq.fifo"]))

        for resource in first.resources() { try await driver.converge(resource) }

        let reads = IndependentReads(client: client, stack: test.name)
        let targets = try await reads.scalableTargets(cluster: cluster)
        #expect(targets.count == 3)
        #expect(targets.values.allSatisfy { $0.min == 2 && $0.max == 20 })
        let api = try await reads.scalingPolicies(resourceId: "service/\(cluster)/\(cluster)-public-api")
        #expect(Set(api.keys) == ["\(test.name)-apne1-public-api-cpu", "\(test.name)-apne1-public-api-requests",
                                  "\(test.name)-apne1-public-api-latency-step"])
        let requests = api["\(test.name)-apne1-public-api-requests"]?["TargetTrackingScalingPolicyConfiguration"]
        #expect(requests?["PredefinedMetricSpecification"]?["ResourceLabel"]?.string
            == "app/\(test.name)-alb/fedcba9876543210/targetgroup/\(test.name)-public-api/0123456789abcdef")
        #expect(requests?["TargetValue"]?.double == 800)
        let step = api["\(test.name)-apne1-public-api-latency-step"]
        #expect(step?["StepScalingPolicyConfiguration"]?["AdjustmentType"]?.string == "PercentChangeInCapacity")
        let worker = try await reads.scalingPolicies(resourceId: "service/\(cluster)/\(cluster)-confirm-worker")
        #expect(worker["\(test.name)-apne1-confirm-worker-backlog"] != nil)
        #expect(worker["\(test.name)-apne1-confirm-worker-queue-age-step"] != nil)
        let alarms = try await reads.alarms()
        #expect(alarms.count == 4)
        let latency = try #require(alarms["\(test.name)-apne1-public-api-latency-p95"])
        #expect(latency["ExtendedStatistic"]?.string == "p95")
        #expect(latency["Threshold"]?.double == 0.2)
        #expect(latency["AlarmActions"]?[0]?.string == step?["PolicyARN"]?.string, "the alarm fires the step policy")
        #expect(alarms["\(test.name)-apne1-confirm-worker-queue-age"]?["MetricName"]?.string == "ApproximateAgeOfOldestMessage")
        let deadLetters = try #require(alarms["\(test.name)-apne1-commit-dlq-depth"])
        #expect(deadLetters["Namespace"]?.string == "AWS/SQS")
        #expect(deadLetters["MetricName"]?.string == "ApproximateNumberOfMessagesVisible")
        #expect(deadLetters["Dimensions"]?[0]?["Value"]?.string == "\(test.name)-apne1-commit-dlq.fifo")
        #expect(deadLetters["ComparisonOperator"]?.string == "GreaterThanThreshold")
        #expect(deadLetters["Threshold"]?.double == 0)
        #expect(deadLetters["Period"]?.int == 60)
        #expect(deadLetters["EvaluationPeriods"]?.int == 1 && deadLetters["DatapointsToAlarm"]?.int == 1)
        #expect(deadLetters["AlarmActions"]?.array?.isEmpty ?? true, "the DLQ alarm is for operators, it scales nothing")

        let before = try await test.mutations().count
        for resource in first.resources() {
            let (_, changes) = try await driver.changes(resource)
            #expect(changes.isEmpty, "\(resource.address): \(changes)")
            try await driver.converge(resource)
        }
        #expect(try await test.mutations().count == before, "a converged stage 06 makes no mutating call")

        let second = try stage(test, minCount: 3)
        let target = try #require(second.resources().first { $0.address == second.scalableTarget(.publicAPI).address })
        let (_, changes) = try await driver.changes(target)
        #expect(changes.map(\.field) == ["minCapacity"])
        for resource in second.resources() { try await driver.converge(resource) }
        #expect(try await reads.scalableTargets(cluster: cluster).values.allSatisfy { $0.min == 3 })

        let listed = try await second.sweeps().asyncFlatMap { try await $0.listTagged(stack: test.name) }
        #expect(listed.count == 7, "3 targets and 4 alarms: \(listed)")
        #expect(listed.allSatisfy { $0.claimedAddress.map { address in second.resources().contains { $0.address == address } } == true })

        for resource in second.resources().reversed() { try await driver.destroy(resource) }
        #expect(try await reads.scalableTargets(cluster: cluster).isEmpty)
        #expect(try await reads.alarms().isEmpty)
        #expect(try await second.sweeps().asyncFlatMap { try await $0.listTagged(stack: test.name) }.isEmpty)
        try await removeServices(client, cluster: cluster)
    }
}

extension Array {
    func asyncFlatMap<T>(_ transform: (Element) async throws -> [T]) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result += try await transform(element) }
        return result
    }
}
