import AWSClient
import Provisioning

/// The Redis replication group: a primary plus `replicas` (Multi-AZ with automatic failover
/// when there is a replica), encrypted in transit and at rest, AUTH token from its secret.
/// Waited until `available`: the services cannot start without it.
struct RedisReplicationGroupResource: Resource {
    struct Live: Sendable {
        var id: String
        var status: String
        var nodeType: String
        var nodeCount: Int
        var transitEncryption: Bool
        var atRestEncryption: Bool
        var host: String
        var port: Int
    }

    let address: ResourceAddress
    let client: AWSClient
    let groupId: String
    let nodeType: String
    let replicas: Int
    let engineVersion: String
    let transitEncryption: Bool
    let atRestEncryption: Bool
    let subnetGroup: ResourceAddress
    let securityGroup: ResourceAddress
    let authSecret: ResourceAddress

    var dependencies: [ResourceAddress] { [subnetGroup, securityGroup, authSecret] }

    func read(_ context: ResourceContext) async throws -> Live? {
        guard let group = try await describe(), !["deleting", "deleted"].contains(group.status) else { return nil }
        return group
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        if live?.status == "create-failed" { diff.replace(because: "the replication group failed to create") }
        diff.compare("nodeType", desired: nodeType, live: live?.nodeType)
        diff.compare("nodeCount", desired: replicas + 1, live: live?.nodeCount, onChange: .replace)
        diff.compare("transitEncryption", desired: transitEncryption, live: live?.transitEncryption, onChange: .replace)
        diff.compare("atRestEncryption", desired: atRestEncryption, live: live?.atRestEncryption, onChange: .replace)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        var parameters: QueryParameters = [
            "ReplicationGroupId": groupId, "ReplicationGroupDescription": "\(context.stack) seat holds",
            "Engine": "redis", "EngineVersion": engineVersion, "CacheNodeType": nodeType,
            "NumCacheClusters": String(replicas + 1),
            "AutomaticFailoverEnabled": replicas > 0 ? "true" : "false",
            "MultiAZEnabled": replicas > 0 ? "true" : "false",
            "CacheSubnetGroupName": try context.requireOutput("subnetGroupName", of: subnetGroup),
            "TransitEncryptionEnabled": transitEncryption ? "true" : "false",
            "AtRestEncryptionEnabled": atRestEncryption ? "true" : "false",
            "Port": "6379",
        ]
        parameters.addList("SecurityGroupIds", [try context.requireOutput("groupId", of: securityGroup)],
                           member: "SecurityGroupId")
        if transitEncryption {
            let arn = try context.requireOutput("secret", of: authSecret)
            parameters.add("AuthToken", try await GeneratedSecretResource.value(of: arn, client: client))
        }
        parameters.addTags(context.tags, name: "Tags", member: "Tag")
        _ = try await client.query(.elastiCache, "CreateReplicationGroup", parameters)
        return try await describe() ?? Live(id: groupId, status: "creating", nodeType: nodeType, nodeCount: replicas + 1,
                                           transitEncryption: transitEncryption, atRestEncryption: atRestEncryption,
                                           host: "", port: 6379)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        let ready = try await waitUntilReady(live, context: context)
        _ = try await client.query(.elastiCache, "ModifyReplicationGroup", [
            "ReplicationGroupId": groupId, "CacheNodeType": nodeType, "ApplyImmediately": "true",
        ])
        var modifying = ready
        modifying.status = "modifying"
        return modifying
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.query(.elastiCache, "DeleteReplicationGroup", ["ReplicationGroupId": groupId])
        }
    }

    func waitUntilReady(_ live: Live, context: ResourceContext) async throws -> Live {
        guard live.status != "available" else { return live }
        return try await context.wait(for: "Redis \(groupId) available") {
            guard let current = try await describe() else { return .failed("the replication group disappeared") }
            switch current.status {
            case "available": return .done(current)
            case "create-failed", "deleting": return .failed("status \(current.status)")
            default: return .pending(current.status)
            }
        }
    }

    func waitUntilGone(_ live: Live, context: ResourceContext) async throws {
        let _: Bool = try await context.wait(for: "Redis \(groupId) deleted") {
            guard let current = try await describe(), current.status != "deleted" else { return .done(true) }
            return .pending(current.status)
        }
    }

    func outputs(_ live: Live) -> ResourceOutputs {
        ResourceOutputs(["replicationGroupId": live.id, "host": live.host, "port": String(live.port),
                         "transitEncryption": live.transitEncryption ? "true" : "false"])
    }

    private func describe() async throws -> Live? {
        let result: XMLTree
        do {
            result = try await client.query(.elastiCache, "DescribeReplicationGroups", ["ReplicationGroupId": groupId])
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        guard let group = result.child("ReplicationGroups")?.listItems().first else { return nil }
        let nodeGroup = group.child("NodeGroups")?.listItems().first
        let endpoint = nodeGroup?.child("PrimaryEndpoint")
        return Live(
            id: groupId, status: group.string("Status") ?? "", nodeType: group.string("CacheNodeType") ?? "",
            nodeCount: group.child("MemberClusters")?.listItems().count ?? 0,
            transitEncryption: group.string("TransitEncryptionEnabled") == "true",
            atRestEncryption: group.string("AtRestEncryptionEnabled") == "true",
            host: endpoint?.string("Address") ?? "", port: Int(endpoint?.string("Port") ?? "") ?? 6379)
    }
}
