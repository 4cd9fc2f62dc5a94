import AWSClient
import Provisioning
import Stack

/// One service on Fargate in the private subnets, without public IPs. The APIs sit behind
/// their target groups, the worker behind nothing. Deployments roll with 100% minimum healthy /
/// 200% maximum and the circuit breaker rolls a failing one back; `up` waits until the service
/// is stable and reports a rollback as a failure naming the reason.
struct ECSServiceResource: Resource {
    struct Live: Sendable {
        var service: ECS.Service
        /// True when Application Auto Scaling has a scalable target for the service: it then
        /// owns the desired count, and a deploy keeps the running count instead of the stack's.
        var autoscaled: Bool
    }

    /// Where an API's tasks meet its target group.
    struct LoadBalancing: Sendable {
        var targetGroup: Dependency<TargetGroupResource.Outputs>
        /// The rule that attaches the group to the ALB: ECS refuses a group without a load balancer.
        var rule: ResourceAddress
        var containerPort: Int
    }

    let address: ResourceAddress
    let client: AWSClient
    let name: String
    let config: ServiceConfig
    let cluster: Dependency<ECSClusterResource.Outputs>
    let taskDefinition: Dependency<TaskDefinitionResource.Outputs>
    let subnets: [Dependency<SubnetResource.Outputs>]
    let securityGroup: Dependency<SecurityGroupResource.Outputs>
    let loadBalancing: LoadBalancing?
    /// The schema migration its tasks need in place before they start.
    let schema: ResourceAddress
    /// Longest `up` waits for one service to become stable.
    let stabilityTimeout: Duration

    var ecs: ECS { ECS(client: client) }

    var dependencies: [ResourceAddress] {
        [cluster.address, taskDefinition.address, securityGroup.address, schema] + subnets.map(\.address)
            + (loadBalancing.map { [$0.targetGroup.address, $0.rule] } ?? [])
    }

    /// ECS takes a grace period only for services behind a load balancer.
    var gracePeriod: Int { loadBalancing == nil ? 0 : config.healthCheckGracePeriodSeconds }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let clusterName = try context.output(\.clusterName, of: cluster).value else { return nil }
        guard let service = try await ecs.service(name, cluster: clusterName), service.status == "ACTIVE" else { return nil }
        return Live(service: service, autoscaled: try await isAutoscaled(clusterName: clusterName))
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        let service = live?.service
        diff.compare("launchType", desired: "FARGATE", live: service?.launchType, onChange: .replace)
        diff.compare("taskDefinition", desired: try context.output(\.arn, of: taskDefinition), live: service?.taskDefinition)
        let desiredCount = live?.autoscaled == true ? live!.service.desiredCount : config.desiredCount
        diff.compare("desiredCount", desired: desiredCount, live: service?.desiredCount)
        diff.compare("subnets", desired: Set(try subnets.map { try context.output(\.subnetId, of: $0) }), live: service?.subnets)
        diff.compare("securityGroups", desired: Set([try context.output(\.groupId, of: securityGroup)]),
                     live: service?.securityGroups)
        diff.compare("assignPublicIp", desired: "DISABLED", live: service?.assignPublicIp)
        diff.compare("loadBalancers", desired: Set(try loadBalancerKeys(context)), live: service?.loadBalancers)
        diff.compare("minimumHealthyPercent", desired: 100, live: service?.minimumHealthyPercent)
        diff.compare("maximumPercent", desired: 200, live: service?.maximumPercent)
        diff.compare("circuitBreaker", desired: true, live: service?.circuitBreaker)
        diff.compare("rollback", desired: true, live: service?.rollback)
        diff.compare("healthCheckGracePeriodSeconds", desired: gracePeriod, live: service?.healthCheckGracePeriodSeconds)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let definition = try context.requireOutput(\.arn, of: taskDefinition)
        var input = try settings(context, fields: nil)
        input["serviceName"] = .string(name)
        input["taskDefinition"] = .string(definition)
        input["desiredCount"] = .number(Double(config.desiredCount))
        input["launchType"] = "FARGATE"
        input["platformVersion"] = "LATEST"
        input["schedulingStrategy"] = "REPLICA"
        input["propagateTags"] = "SERVICE"
        input["enableECSManagedTags"] = true
        input["tags"] = JSONTags.list(context.tags, keyName: "key", valueName: "value")
        // Salted with the task definition: a service re-created after `down` must not get the old one back.
        input["clientToken"] = .string(context.idempotencyToken(salt: definition))
        return Live(service: try await ecs.createService(.object(input)), autoscaled: false)
    }

    /// Sends only what changed, so a new task definition is one UpdateService and one deployment.
    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var input = try settings(context, fields: Set(changes.map(\.field)))
        input["service"] = .string(name)
        if changes.contains(where: { $0.field == "taskDefinition" }) {
            input["taskDefinition"] = .string(try context.requireOutput(\.arn, of: taskDefinition))
        }
        if changes.contains(where: { $0.field == "desiredCount" }), !live.autoscaled {
            input["desiredCount"] = .number(Double(config.desiredCount))
        }
        return Live(service: try await ecs.updateService(.object(input)), autoscaled: live.autoscaled)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        let clusterName = try context.requireOutput(\.clusterName, of: cluster)
        try await AWSErrorMatching.ignoringNotFound { try await ecs.deleteService(name, cluster: clusterName) }
    }

    /// The target group and subnets stay in use until the tasks have drained.
    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        let ecs = ecs, name = name
        let clusterName = try context.requireOutput(\.clusterName, of: cluster)
        try await context.wait(for: "service \(name) to drain", timeout: min(stabilityTimeout, context.waitPolicy.timeout)) {
            guard let service = try await ecs.service(name, cluster: clusterName) else { return .done(()) }
            return service.status == "INACTIVE" ? .done(()) : .pending(service.status)
        }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        let clusterName = try context.requireOutput(\.clusterName, of: cluster)
        let stable = try await ServiceStability(ecs: ecs, name: name, cluster: clusterName,
                                                taskDefinition: live.service.taskDefinition)
            .wait(context, timeout: min(stabilityTimeout, context.waitPolicy.timeout))
        return Live(service: stable, autoscaled: live.autoscaled)
    }

    struct Outputs: PublishedOutputs {
        let serviceName, serviceArn, clusterName: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(serviceName: live.service.name, serviceArn: live.service.arn,
                clusterName: live.service.clusterArn.split(separator: "/").last.map(String.init) ?? "")
    }

    /// The cluster, network, load balancer and deployment settings; `fields` nil: all of them.
    private func settings(_ context: ResourceContext, fields: Set<String>?) throws -> [String: JSONValue] {
        func wanted(_ names: String...) -> Bool { fields.map { !$0.isDisjoint(with: names) } ?? true }
        var input: [String: JSONValue] = ["cluster": .string(try context.requireOutput(\.clusterName, of: cluster))]
        if wanted("subnets", "securityGroups", "assignPublicIp") {
            input["networkConfiguration"] = ["awsvpcConfiguration": [
                "subnets": .array(try subnets.map { .string(try context.requireOutput(\.subnetId, of: $0)) }),
                "securityGroups": [.string(try context.requireOutput(\.groupId, of: securityGroup))],
                "assignPublicIp": "DISABLED",
            ]]
        }
        if wanted("loadBalancers"), let loadBalancing {
            input["loadBalancers"] = [[
                "targetGroupArn": .string(try context.requireOutput(\.arn, of: loadBalancing.targetGroup)),
                "containerName": .string(config.name.rawValue),
                "containerPort": .number(Double(loadBalancing.containerPort)),
            ]]
        }
        if wanted("minimumHealthyPercent", "maximumPercent", "circuitBreaker", "rollback") {
            input["deploymentConfiguration"] = [
                "minimumHealthyPercent": 100, "maximumPercent": 200,
                "deploymentCircuitBreaker": ["enable": true, "rollback": true],
            ]
        }
        if wanted("healthCheckGracePeriodSeconds"), loadBalancing != nil {
            input["healthCheckGracePeriodSeconds"] = .number(Double(gracePeriod))
        }
        return input
    }

    private func loadBalancerKeys(_ context: ResourceContext) throws -> [PlannedValue<String>] {
        guard let loadBalancing else { return [] }
        return [try context.output(\.arn, of: loadBalancing.targetGroup).map {
            "\($0)|\(config.name.rawValue)|\(loadBalancing.containerPort)"
        }]
    }

    private func isAutoscaled(clusterName: String) async throws -> Bool {
        let targets = try await ApplicationAutoScaling(client: client).describeScalableTargets(
            .ecsServiceDesiredCount, resourceIds: ["service/\(clusterName)/\(name)"])
        return !targets.isEmpty
    }
}

extension ECSServiceResource: SingleKindResource {
    static let kind = "ecs_service"

    /// The stack's services in its region's cluster (tags confirm); a missing cluster means none.
    static func listTagged(stack: String, in scope: ClusterScope) async throws -> [TaggedObject] {
        let ecs = ECS(client: scope.client)
        let arns: [String]
        do {
            arns = try await ecs.serviceArns(cluster: scope.clusterName)
        } catch where AWSErrorMatching.isNotFound(error) || AWSErrorMatching.hasCode(error, "ClusterNotFoundException") {
            return []
        }
        var found: [TaggedObject] = []
        for arn in arns {
            let name = arn.split(separator: "/").last.map(String.init) ?? arn
            guard let service = try await ecs.service(name, cluster: scope.clusterName), service.status == "ACTIVE",
                  service.tags[ResourceTags.stackKey] == stack else { continue }
            found.append(TaggedObject(id: name, tags: service.tags))
        }
        return found
    }

    static func delete(id: String, in scope: ClusterScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await ECS(client: scope.client).deleteService(id, cluster: scope.clusterName) }
    }
}
