import AWSClient
import Foundation

/// The stack's lease in the AWS account: the lock two machines share (two CI runners, a laptop
/// and CI), which `infra/out/.lock` cannot be. One item per stack in an on-demand DynamoDB table
/// of the stack's home region, written with a conditional put that only succeeds when there is no
/// item, the item has expired or it is already ours. The holder renews it every `ttl / 4`; a
/// holder that dies stops renewing and the lease expires `ttl` later, so the next run proceeds
/// without anyone's help. `forceUnlock` takes over a lease that has not expired yet.
public struct DeployLease: Sendable {
    /// The account-wide table (not a resource of any stack: `down` leaves it).
    public static let defaultTable = "tpsctl-deploy-leases"

    public let dynamoDB: DynamoDB
    public let table: String
    public let stack: String
    public let holder: LeaseHolder
    public let ttl: Duration

    public init(client: AWSClient, stack: String, holder: LeaseHolder, table: String = DeployLease.defaultTable,
                ttl: Duration = .seconds(60)) {
        self.dynamoDB = DynamoDB(client: client)
        self.table = table
        self.stack = stack
        self.holder = holder
        self.ttl = ttl
    }

    /// Takes the lease, runs `body` while renewing it, and releases it however `body` ends. A
    /// lease lost meanwhile (taken over with --force-unlock elsewhere) cancels `body` and throws.
    public func holding<Value: Sendable>(
        forceUnlock: Bool = false, _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await acquire(forceUnlock: forceUnlock)
        do {
            let value = try await withThrowingTaskGroup(of: Value?.self) { group in
                group.addTask { try await body() }
                group.addTask { try await keepRenewed(); return nil }
                defer { group.cancelAll() }
                while let next = try await group.next() {
                    if let value = next { return value }
                }
                throw CancellationError()
            }
            await release()
            return value
        } catch let error as DeployLeaseError {
            throw error
        } catch {
            await release()
            throw error
        }
    }

    /// The conditional put: no item, an expired one, or ours. With `forceUnlock`, unconditional.
    public func acquire(forceUnlock: Bool = false) async throws {
        try await ensureTable()
        let now = Self.now()
        do {
            try await dynamoDB.putItem(
                table: table, item: item(expiresAt: now + ttl.wholeSeconds),
                condition: forceUnlock ? nil : "attribute_not_exists(leaseId) OR expiresAt < :now OR holderToken = :token",
                values: forceUnlock ? [:] : [":now": ["N": .string(String(now))], ":token": tokenValue])
        } catch let error as AWSError where error.isConditionalCheckFailure {
            let current = try await currentHolder()
            throw DeployLeaseError.held(stack: stack, holder: current?.holder ?? "another tpsctl",
                                        expiresIn: max(0, (current?.expiresAt ?? now) - now), location: location)
        }
    }

    /// Deletes the item if it is still ours; a failure leaves it to expire.
    public func release() async {
        try? await dynamoDB.deleteItem(table: table, key: key, condition: "holderToken = :token",
                                       values: [":token": tokenValue])
    }

    /// Who holds the stack's lease now and when it expires (epoch seconds), if anyone does.
    public func currentHolder() async throws -> (holder: String, expiresAt: Int)? {
        guard let item = try await dynamoDB.getItem(table: table, key: key) else { return nil }
        return (item["holder"]?["S"]?.string ?? "unknown", Int(item["expiresAt"]?["N"]?.string ?? "") ?? 0)
    }

    /// Renews until cancelled. A renewal AWS refuses because the item is no longer ours ends the
    /// run; a transient failure is retried until the lease would have expired.
    func keepRenewed() async throws {
        var lastRenewal = Self.now()
        while true {
            try await Task.sleep(for: ttl / 4)
            let now = Self.now()
            do {
                try await dynamoDB.putItem(table: table, item: item(expiresAt: now + ttl.wholeSeconds),
                                           condition: "holderToken = :token", values: [":token": tokenValue])
                lastRenewal = now
            } catch let error as AWSError where error.isConditionalCheckFailure {
                let current = try? await currentHolder()
                throw DeployLeaseError.lost(stack: stack, holder: current?.holder ?? "nobody", location: location)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if now - lastRenewal >= ttl.wholeSeconds {
                    throw DeployLeaseError.lost(stack: stack, holder: "unknown (renewing failed: \(error))", location: location)
                }
            }
        }
    }

    /// Creates the table on first use; a concurrent creation by another run is fine.
    func ensureTable() async throws {
        do {
            if try await dynamoDB.describeTable(name: table).status == "ACTIVE" { return }
        } catch let error as AWSError where error.code == "ResourceNotFoundException" {
            do {
                _ = try await dynamoDB.createTable(name: table, partitionKey: ("leaseId", "S"),
                                                   tags: ["tpsctl:purpose": "deploy-leases"])
            } catch let error as AWSError where error.code == "ResourceInUseException" {}
        }
        for _ in 0..<120 {
            if try await dynamoDB.describeTable(name: table).status == "ACTIVE" { return }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw DeployLeaseError.tableNotActive(location: location)
    }

    var tokenValue: JSONValue { ["S": .string(holder.token)] }

    var key: [String: JSONValue] { ["leaseId": ["S": .string("stack/\(stack)")]] }

    var location: String { "DynamoDB table \(table) in \(dynamoDB.client.region)" }

    func item(expiresAt: Int) -> [String: JSONValue] {
        key.merging([
            "holder": ["S": .string(holder.description)],
            "holderToken": ["S": .string(holder.token)],
            "expiresAt": ["N": .string(String(expiresAt))],
        ]) { _, new in new }
    }

    static func now() -> Int { Int(Date().timeIntervalSince1970) }
}

/// Who takes a lease: enough for the one refused to know whom to ask.
public struct LeaseHolder: Sendable, Hashable, CustomStringConvertible {
    public let token: String
    public let who: String
    public let command: String
    public let since: Date

    public init(command: String, who: String = LeaseHolder.currentWho(), token: String = UUID().uuidString,
                since: Date = Date()) {
        self.command = command
        self.who = who
        self.token = token
        self.since = since
    }

    public var description: String { "\(who), '\(command)' since \(LockInfo.timeText(since))" }

    /// `user@host pid N`, and the GitHub Actions run when there is one.
    public static func currentWho(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var text = "\(StateLock.currentUser())@\(StateLock.currentHost()) pid \(getpid())"
        if let repository = environment["GITHUB_REPOSITORY"], let run = environment["GITHUB_RUN_ID"] {
            text += " (GitHub Actions \(repository) run \(run))"
        }
        return text
    }
}

/// Why the lease was not taken or kept; one line naming the holder and what to do.
public enum DeployLeaseError: Error, CustomStringConvertible {
    case held(stack: String, holder: String, expiresIn: Int, location: String)
    case lost(stack: String, holder: String, location: String)
    case tableNotActive(location: String)

    public var description: String {
        switch self {
        case let .held(stack, holder, expiresIn, location):
            "stack '\(stack)' is being changed by \(holder) (lease in \(location), expires in \(expiresIn) s "
                + "unless its holder renews it); wait for it to finish, or --force-unlock if it is dead"
        case let .lost(stack, holder, location):
            "stack '\(stack)': this run lost its lease (\(location)) to \(holder); stopped; run it again when that one ends"
        case let .tableNotActive(location):
            "the \(location) did not become ACTIVE within a minute"
        }
    }
}

extension Duration {
    /// Whole seconds.
    var wholeSeconds: Int { Int(components.seconds) }
}
