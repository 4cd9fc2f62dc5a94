import AWSClient
import Provisioning

/// The DynamoDB seat-lock table: on demand (holds arrive in bursts), keyed by `seatKey`
/// (`<eventId>#<seatId>`), expired holds removed by TTL, point-in-time recovery as the stack says,
/// and warm throughput for `seatLocks.expectedHoldsPerSecond`, so a sale's first second is not
/// throttled while a new table scales. DynamoDB cannot lower warm throughput: a table warmer
/// than the stack asks is left as it is (converged), a colder one is raised by UpdateTable.
struct SeatLockTableResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
        var status: String
        var partitionKey: String
        var billingMode: String
        var ttlAttribute: String?
        var pointInTimeRecovery: Bool
        var warmReadUnits: Int
        var warmWriteUnits: Int
    }

    static let partitionKey = "seatKey"

    let address: ResourceAddress
    let client: AWSClient
    let tableName: String
    let ttlAttribute: String
    let pointInTimeRecovery: Bool
    let warmReadUnits: Int
    let warmWriteUnits: Int

    func read(_ context: ResourceContext) async throws -> Live? {
        let table: DynamoDB.TableDescription
        do {
            table = try await dynamoDB.describeTable(name: tableName)
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        var live = Live(name: tableName, arn: table.arn, status: table.status, partitionKey: table.partitionKey ?? "",
                        billingMode: table.billingMode, ttlAttribute: nil, pointInTimeRecovery: false,
                        warmReadUnits: table.warmReadUnits, warmWriteUnits: table.warmWriteUnits)
        guard table.status != "DELETING" else { return live }
        live.ttlAttribute = try await dynamoDB.describeTimeToLive(table: tableName)
        live.pointInTimeRecovery = try await dynamoDB.describeContinuousBackups(table: tableName)
        return live
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        if let live, live.status == "DELETING" { diff.replace(because: "the table is being deleted") }
        diff.compare("partitionKey", desired: Self.partitionKey, live: live?.partitionKey, onChange: .replace)
        diff.compare("billingMode", desired: "PAY_PER_REQUEST", live: live?.billingMode)
        diff.compare("ttlAttribute", desired: ttlAttribute, live: live?.ttlAttribute)
        diff.compare("pointInTimeRecovery", desired: pointInTimeRecovery, live: live?.pointInTimeRecovery)
        diff.compare("warmThroughput", desired: Self.describe(warmTarget(live)),
                     live: live.map { Self.describe(($0.warmReadUnits, $0.warmWriteUnits)) })
    }

    /// What the table should be warmed to: the stack's rates, or more where it already is.
    func warmTarget(_ live: Live?) -> (read: Int, write: Int) {
        (max(warmReadUnits, live?.warmReadUnits ?? 0), max(warmWriteUnits, live?.warmWriteUnits ?? 0))
    }

    static func describe(_ units: (read: Int, write: Int)) -> String {
        "\(units.read) reads/s, \(units.write) writes/s"
    }

    private var dynamoDB: DynamoDB { DynamoDB(client: client) }

    func create(_ context: ResourceContext) async throws -> Live {
        let created = try await dynamoDB.createTable(name: tableName, partitionKey: (Self.partitionKey, "S"),
                                                     warmThroughput: (warmReadUnits, warmWriteUnits), tags: context.tags)
        var live = Live(name: tableName, arn: created.arn, status: created.status,
                        partitionKey: Self.partitionKey, billingMode: "PAY_PER_REQUEST", ttlAttribute: nil,
                        pointInTimeRecovery: false, warmReadUnits: warmReadUnits, warmWriteUnits: warmWriteUnits)
        live = try await waitActive(live, context: context)
        return try await converge(live, context: context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = try await waitActive(live, context: context)
        if live.billingMode != "PAY_PER_REQUEST" {
            try await dynamoDB.updateTable(name: tableName, billingMode: "PAY_PER_REQUEST")
            live.billingMode = "PAY_PER_REQUEST"
            live = try await waitActive(live, context: context)
        }
        let target = warmTarget(live)
        if target != (live.warmReadUnits, live.warmWriteUnits) {
            try await dynamoDB.updateTable(name: tableName, warmThroughput: target)
            (live.warmReadUnits, live.warmWriteUnits) = target
            live.status = "UPDATING"
            live = try await waitActive(live, context: context)
        }
        return try await converge(live, context: context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            try await dynamoDB.deleteTable(name: tableName)
        }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        try await waitActive(live, context: context)
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "table \(tableName) deleted") {
            do {
                return .pending(try await dynamoDB.describeTable(name: tableName).status)
            } catch where AWSErrorMatching.isNotFound(error) {
                return .done(true)
            }
        }
    }

    struct Outputs: PublishedOutputs {
        let tableName, tableArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(tableName: live.name, tableArn: live.arn)
    }

    private func waitActive(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "ACTIVE" else { return live }
        return try await context.wait(for: "table \(tableName) ACTIVE") {
            let described = try await dynamoDB.describeTable(name: tableName).status
            let status = described.isEmpty ? "missing" : described
            var ready = live
            ready.status = status
            return status == "ACTIVE" ? .done(ready) : .pending(status)
        }
    }

    /// TTL and point-in-time recovery, each set only when it differs (a converged table gets no call).
    private func converge(_ live: Live, context: ResourceContext) async throws -> Live {
        var live = live
        if live.ttlAttribute != ttlAttribute {
            if let current = live.ttlAttribute {
                try await dynamoDB.updateTimeToLive(table: tableName, attribute: current, enabled: false)
            }
            try await dynamoDB.updateTimeToLive(table: tableName, attribute: ttlAttribute, enabled: true)
            live.ttlAttribute = ttlAttribute
        }
        if live.pointInTimeRecovery != pointInTimeRecovery {
            try await dynamoDB.updateContinuousBackups(table: tableName, pointInTimeRecovery: pointInTimeRecovery)
            live.pointInTimeRecovery = pointInTimeRecovery
        }
        return live
    }
}

extension SeatLockTableResource: SingleKindResource {
    static let kind = "dynamodb_table"

    /// The stack's tables (names start with the prefix; tags confirm).
    static func listTagged(stack: String, in scope: NamePrefixScope) async throws -> [TaggedObject] {
        let dynamoDB = DynamoDB(client: scope.client)
        var found: [TaggedObject] = []
        for name in try await dynamoDB.listTables() where name.hasPrefix(scope.namePrefix) {
            let table: DynamoDB.TableDescription
            do {
                table = try await dynamoDB.describeTable(name: name)
            } catch where AWSErrorMatching.isNotFound(error) { continue }
            guard table.status != "DELETING", !table.arn.isEmpty else { continue }
            let tags = try await dynamoDB.listTagsOfResource(arn: table.arn)
            if tags[ResourceTags.stackKey] == stack { found.append(TaggedObject(id: name, tags: tags)) }
        }
        return found
    }

    static func delete(id: String, in scope: NamePrefixScope, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound { try await DynamoDB(client: scope.client).deleteTable(name: id) }
    }
}
