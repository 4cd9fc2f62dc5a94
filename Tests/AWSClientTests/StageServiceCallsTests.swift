@testable import AWSClient
import Foundation
import Testing
@testable import AWSClientTestSupport

/// The wrappers the stages call beside EC2, each answer parsed from the local AWS.
@Suite("Stage service calls against the emulator")
struct StageServiceCallsTests {
    @Test("DynamoDB: warm throughput, TTL and point-in-time recovery read back as set; BatchGetItem finds the items")
    func dynamoDBTableSettings() async throws {
        let dynamo = DynamoDB(client: try LocalAWS.client())
        let name = LocalAWS.uniqueName("locks")
        let created = try await dynamo.createTable(name: name, partitionKey: ("seatKey", "S"), warmThroughput: (12_000, 4_000))
        #expect(created.partitionKey == "seatKey")
        let described = try await dynamo.describeTable(name: name)
        #expect(described.billingMode == "PAY_PER_REQUEST")
        #expect(described.warmReadUnits == 12_000)
        #expect(described.warmWriteUnits == 4_000)
        #expect(try await dynamo.describeTimeToLive(table: name) == nil)
        try await dynamo.updateTimeToLive(table: name, attribute: "expiresAt", enabled: true)
        #expect(try await dynamo.describeTimeToLive(table: name) == "expiresAt")
        try await dynamo.updateContinuousBackups(table: name, pointInTimeRecovery: true)
        #expect(try await dynamo.describeContinuousBackups(table: name))

        try await dynamo.putItem(table: name, item: ["seatKey": ["S": "e#1"], "holdId": ["S": "h1"]])
        let answer = try await dynamo.batchGetItem(table: name, keys: [["seatKey": ["S": "e#1"]], ["seatKey": ["S": "e#2"]]])
        #expect(answer.items.map { $0["holdId"]?["S"]?.string } == ["h1"])
        #expect(answer.unprocessedKeys.isEmpty)
        try await dynamo.deleteTable(name: name)
    }

    @Test("ECS: a cluster's Container Insights, capacity providers and tags read back; tags come and go")
    func ecsClusterSettings() async throws {
        let ecs = ECS(client: try LocalAWS.client())
        let name = LocalAWS.uniqueName("cluster")
        let created = try await ecs.createCluster(
            name: name, containerInsights: "enabled", capacityProviders: ["FARGATE", "FARGATE_SPOT"],
            defaultCapacityProviderStrategy: [ECS.CapacityProviderShare("FARGATE", weight: 1)], tags: ["tps:stack": "t"])
        let described = try #require(try await ecs.describeClusters([name], include: ["SETTINGS", "TAGS"]).clusters.first)
        #expect(described.containerInsights == "enabled")
        #expect(described.capacityProviders.sorted() == ["FARGATE", "FARGATE_SPOT"])
        #expect(described.tags == ["tps:stack": "t"])
        try await ecs.tagResource(arn: created.arn, tags: ["tps:migrations": "abc"])
        #expect(try await ecs.describeClusters([name], include: ["TAGS"]).clusters.first?.tags["tps:migrations"] == "abc")
        try await ecs.untagResource(arn: created.arn, tagKeys: ["tps:migrations"])
        #expect(try await ecs.describeClusters([name], include: ["TAGS"]).clusters.first?.tags == ["tps:stack": "t"])
        try await ecs.deleteCluster(name)
    }

    @Test("ECR: a repository's settings and lifecycle policy read back as set")
    func ecrRepository() async throws {
        let ecr = ECR(client: try LocalAWS.client())
        let name = LocalAWS.uniqueName("repo")
        let created = try await ecr.createRepository(name: name, imageTagMutability: "IMMUTABLE", scanOnPush: true,
                                                     tags: ["tps:stack": "t"])
        #expect(created.uri.hasSuffix("/" + name))
        await #expect(throws: AWSError.self) { _ = try await ecr.getLifecyclePolicy(repositoryName: name) }
        try await ecr.putImageTagMutability(repositoryName: name, imageTagMutability: "MUTABLE")
        try await ecr.putImageScanningConfiguration(repositoryName: name, scanOnPush: false)
        let policy = #"{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}"#
        try await ecr.putLifecyclePolicy(repositoryName: name, lifecyclePolicyText: policy)
        let described = try await ecr.describeRepositories(names: [name])
        #expect(described.map(\.name) == [name])
        #expect(described.first?.arn == created.arn)
        #expect(described.first?.imageTagMutability == "MUTABLE")
        #expect(described.first?.scanOnPush == false)
        #expect(try await ecr.getLifecyclePolicy(repositoryName: name)?.contains("imageCountMoreThan") == true)
        try await ecr.deleteRepository(name: name, force: true)
    }

    @Test("CloudWatch Logs: a group's retention, and a stream's events read back from its head")
    func logGroupAndEvents() async throws {
        let logs = CloudWatchLogs(client: try LocalAWS.client())
        let group = "/tps/" + LocalAWS.uniqueName("logs")
        try await logs.createLogGroup(name: group, tags: ["tps:stack": "t"])
        try await logs.putRetentionPolicy(group: group, retentionInDays: 14)
        let groups = try await logs.describeLogGroups(namePrefix: group)
        #expect(groups.map(\.name) == [group])
        #expect(groups.first?.retentionInDays == 14)
        #expect(groups.first?.arn.contains(":log-group:\(group)") == true)

        try await logs.ensureLogStream(group: group, stream: "s")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await logs.putLogEvents(group: group, stream: "s", events: [(now, "one"), (now + 1, "two")])
        let page = try await logs.getLogEvents(group: group, stream: "s", token: nil)
        #expect(page.messages == ["one", "two"])
        #expect(page.nextForwardToken != nil)
        try await logs.deleteLogGroup(name: group)
        #expect(try await logs.describeLogGroups(namePrefix: group).isEmpty)
    }

    @Test("CloudWatch: a metric alarm's definition, actions and tags; deleted, it is gone")
    func metricAlarm() async throws {
        let cloudWatch = CloudWatch(client: try LocalAWS.client())
        let name = LocalAWS.uniqueName("alarm")
        try await cloudWatch.putMetricAlarm(
            name: name, description: "backlog", definition: [
                "Namespace": "AWS/SQS", "MetricName": "ApproximateNumberOfMessagesVisible", "Statistic": "Maximum",
                "Period": 60, "EvaluationPeriods": 1, "Threshold": 100, "ComparisonOperator": "GreaterThanThreshold",
            ], actionsEnabled: true, actions: ["arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:p"],
            tags: ["tps:stack": "t"])
        let alarms = try await cloudWatch.describeAlarms(names: [name])
        #expect(alarms.map(\.name) == [name])
        #expect(alarms.first?.arn.hasSuffix(":alarm:\(name)") == true)
        #expect(alarms.first?.actions == ["arn:aws:autoscaling:ap-northeast-1:123456789012:scalingPolicy:p"])
        #expect(alarms.first?.document["Threshold"]?.double == 100)
        try await cloudWatch.deleteAlarms(names: [name])
        #expect(try await cloudWatch.describeAlarms(names: [name]).isEmpty)
    }

    @Test("Application Auto Scaling: a target's bounds and a target-tracking policy read back; deregistering removes both")
    func scalableTargetAndPolicy() async throws {
        let client = try LocalAWS.client()
        let autoScaling = ApplicationAutoScaling(client: client)
        // The emulator scales only a service that exists.
        let ecs = ECS(client: client)
        let cluster = LocalAWS.uniqueName("cluster")
        _ = try await ecs.createCluster(name: cluster)
        let definition = try await ecs.registerTaskDefinition([
            "family": .string(cluster), "containerDefinitions": [["name": "app", "image": "app:1", "memory": 128]],
        ], tags: [:])
        _ = try await ecs.createService([
            "cluster": .string(cluster), "serviceName": "confirm-api", "taskDefinition": .string(definition.arn),
            "desiredCount": 0,
        ])
        let resourceId = "service/\(cluster)/confirm-api"
        try await autoScaling.registerScalableTarget(.ecsServiceDesiredCount, resourceId: resourceId, minCapacity: 2,
                                                     maxCapacity: 8, tags: ["tps:stack": "t"])
        let targets = try await autoScaling.describeScalableTargets(.ecsServiceDesiredCount, resourceIds: [resourceId])
        #expect(targets.map(\.resourceId) == [resourceId])
        #expect(targets.first.map { [$0.minCapacity, $0.maxCapacity] } == [2, 8])
        let configuration: JSONValue = [
            "TargetValue": 60, "PredefinedMetricSpecification": ["PredefinedMetricType": "ECSServiceAverageCPUUtilization"],
        ]
        let arn = try await autoScaling.putScalingPolicy(name: "cpu", .ecsServiceDesiredCount, resourceId: resourceId,
                                                         configuration: .targetTracking(configuration))
        let policies = try await autoScaling.describeScalingPolicies(.ecsServiceDesiredCount, resourceId: resourceId,
                                                                     policyNames: ["cpu"])
        #expect(policies.map(\.arn) == [arn])
        #expect(policies.first?.policyType == "TargetTrackingScaling")
        #expect(policies.first?.configuration?["TargetValue"]?.double == 60)
        try await autoScaling.deleteScalingPolicy(name: "cpu", .ecsServiceDesiredCount, resourceId: resourceId)
        try await autoScaling.deregisterScalableTarget(.ecsServiceDesiredCount, resourceId: resourceId)
        #expect(try await autoScaling.describeScalableTargets(.ecsServiceDesiredCount, resourceIds: [resourceId]).isEmpty)
        // The cluster stays: ECS deletes it only once the service has drained.
        try await ecs.deleteService("confirm-api", cluster: cluster)
    }

    @Test("IAM: a role's trust policy, attached and inline policies read back; removed, they are gone")
    func rolePolicies() async throws {
        let iam = IAM(client: try LocalAWS.client())
        let name = LocalAWS.uniqueName("role")
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        _ = try await iam.createRole(name: name, assumeRolePolicy: trust, path: "/tps/")
        #expect(try await iam.getRole(name: name).assumeRolePolicyDocument.removingPercentEncoding?.contains("ecs-tasks") == true)
        let managed = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
        try await iam.attachRolePolicy(roleName: name, policyArn: managed)
        let inline = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}"#
        try await iam.putRolePolicy(roleName: name, policyName: "queue", policyDocument: inline)
        #expect(try await iam.listAttachedRolePolicies(roleName: name) == [managed])
        #expect(try await iam.listRolePolicies(roleName: name) == ["queue"])
        #expect(try await iam.getRolePolicy(roleName: name, policyName: "queue").removingPercentEncoding?
            .contains("sqs:SendMessage") == true)
        try await iam.detachRolePolicy(roleName: name, policyArn: managed)
        try await iam.deleteRolePolicy(roleName: name, policyName: "queue")
        #expect(try await iam.listAttachedRolePolicies(roleName: name).isEmpty)
        #expect(try await iam.listRolePolicies(roleName: name).isEmpty)
        try await iam.deleteRole(name: name)
    }
}
