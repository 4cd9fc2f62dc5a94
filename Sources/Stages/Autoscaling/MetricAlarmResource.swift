import AWSClient
import Provisioning

/// A CloudWatch metric alarm whose only action, if any, is a step-scaling policy; without one it
/// is a signal for operators (its state in the console and `DescribeAlarms`). Found by its
/// deterministic name; tagged at creation. PutMetricAlarm creates and updates alike.
struct MetricAlarmResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
        var alarm: JSONValue
        var actions: [String]
    }

    let address: ResourceAddress
    let client: AWSClient
    let alarmName: String
    /// The `scaling_policy` the alarm fires; nil: no action.
    let policy: Dependency<ScalingPolicyResource.Outputs>?
    let spec: MetricAlarmSpec

    var dependencies: [ResourceAddress] { (policy.map { [$0.address] } ?? []) + spec.dependencies }

    func read(_ context: ResourceContext) async throws -> Live? {
        let alarms = try await CloudWatch(client: client).describeAlarms(names: [alarmName])
        guard let alarm = alarms.first(where: { $0.name == alarmName }) else { return nil }
        return Live(name: alarmName, arn: alarm.arn, alarm: alarm.document, actions: alarm.actions.sorted())
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        let desired = try spec.metric(context)
        let liveText = desired.value.flatMap { JSONProjection.text(live?.alarm, onto: $0) }
        diff.compare("metric", desired: desired.map { $0.encodedString() }, live: liveText)
        diff.compare("AlarmActions", desired: try desiredActions(context), live: live?.actions)
        diff.compare("ActionsEnabled", desired: true, live: live?.alarm["ActionsEnabled"]?.bool)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await put(context, tags: context.tags)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await put(context, tags: nil)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await Self.delete(client, name: alarmName)
    }

    static func delete(_ client: AWSClient, name: String) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await CloudWatch(client: client).deleteAlarms(names: [name])
        }
    }

    struct Outputs: PublishedOutputs {
        let alarmName, alarmArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(alarmName: live.name, alarmArn: live.arn)
    }

    private func desiredActions(_ context: ResourceContext) throws -> PlannedValue<[String]> {
        guard let policy else { return .known([]) }
        return try context.output(\.policyArn, of: policy).map { [$0] }
    }

    private func put(_ context: ResourceContext, tags: [String: String]?) async throws -> Live {
        let actions = try policy.map { [try context.requireOutput(\.policyArn, of: $0)] } ?? []
        guard case let .object(metric)? = try spec.metric(context).value else {
            throw StageFailure("\(address): the alarm's metric names a resource that is not applied yet")
        }
        try await CloudWatch(client: client).putMetricAlarm(
            name: alarmName, description: spec.summary, definition: metric, actionsEnabled: true, actions: actions, tags: tags)
        guard let live = try await read(context) else {
            throw StageFailure("\(address): alarm \(alarmName) is missing right after PutMetricAlarm")
        }
        return live
    }
}

extension MetricAlarmResource: SingleKindResource {
    static let kind = "cloudwatch_alarm"

    /// The stack's metric alarms (names start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let cloudWatch = CloudWatch(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await cloudWatch.describeAlarms(namePrefix: scope.namePrefix), stack: stack,
            id: \.name, tags: { try await cloudWatch.listTagsForResource(arn: $0.arn) })
    }

    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await delete(scope.client, name: id)
    }
}
