import AWSClient
import Provisioning

/// A service's CloudWatch log group with the stack's retention (logs would otherwise be kept
/// forever, and billed forever).
struct LogGroupResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
        var retentionDays: Int?
    }

    let address: ResourceAddress
    let client: AWSClient
    let groupName: String
    let retentionDays: Int

    private var logs: CloudWatchLogs { CloudWatchLogs(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        let found = try await logs.describeLogGroups(namePrefix: groupName)
        guard let group = found.first(where: { $0.name == groupName }) else { return nil }
        return Live(name: groupName, arn: Self.trimmedArn(group.arn), retentionDays: group.retentionInDays)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("retentionInDays", desired: retentionDays, live: live?.retentionDays)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        do {
            try await logs.createLogGroup(name: groupName, tags: context.tags)
        } catch where AWSErrorMatching.hasCode(error, "ResourceAlreadyExistsException") {}
        try await putRetention()
        return try await read(context) ?? Live(name: groupName, arn: "", retentionDays: retentionDays)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await putRetention()
        var live = live
        live.retentionDays = retentionDays
        return live
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await logs.deleteLogGroup(name: groupName)
        }
    }

    struct Outputs: PublishedOutputs {
        let logGroupName, logGroupArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(logGroupName: live.name, logGroupArn: live.arn)
    }

    private func putRetention() async throws {
        try await logs.putRetentionPolicy(group: groupName, retentionInDays: retentionDays)
    }

    /// DescribeLogGroups answers `arn:…:log-group:NAME:*`; IAM policies and outputs want it without `:*`.
    static func trimmedArn(_ arn: String) -> String {
        arn.hasSuffix(":*") ? String(arn.dropLast(2)) : arn
    }
}

extension LogGroupResource: SingleKindResource {
    static let kind = "log_group"

    /// The stack's log groups (`/tps/<stack>/<region-short>/…`; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let logs = CloudWatchLogs(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await logs.describeLogGroups(prefix: scope.namePrefix), stack: stack,
            id: { $0 }, tags: { try await logs.listTagsLogGroup(name: $0) })
    }

    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await CloudWatchLogs(client: scope.client).deleteLogGroup(name: id) }
    }
}
