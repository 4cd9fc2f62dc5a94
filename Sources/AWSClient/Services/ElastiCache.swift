/// Amazon ElastiCache (Query protocol): the cache subnet group and Redis replication group of
/// stage 03. Tags go in as `Tags.Tag.N` (ElastiCache's list member name).
public struct ElastiCache: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct CacheSubnetGroup: Sendable, Equatable {
        public var name: String
        public var arn: String
        public var subnetIds: Set<String>

        init(_ element: XMLTree) {
            name = element.string("CacheSubnetGroupName") ?? ""
            arn = element.string("ARN") ?? ""
            subnetIds = Set((element.child("Subnets")?.listItems() ?? []).compactMap { $0.string("SubnetIdentifier") })
        }
    }

    public struct ReplicationGroup: Sendable, Equatable {
        public var id: String
        public var arn: String
        /// `creating`, `available`, `modifying`, `deleting`, `create-failed`, …
        public var status: String
        public var nodeType: String
        public var memberClusters: [String]
        public var transitEncryption: Bool
        public var atRestEncryption: Bool
        public var authTokenEnabled: Bool
        /// `enabled`, `disabled`, `enabling`, `disabling`.
        public var automaticFailover: String
        public var multiAZ: String
        public var primaryHost: String
        public var primaryPort: Int
        public var readerHost: String

        init(_ element: XMLTree) {
            id = element.string("ReplicationGroupId") ?? ""
            arn = element.string("ARN") ?? ""
            status = element.string("Status") ?? ""
            nodeType = element.string("CacheNodeType") ?? ""
            memberClusters = (element.child("MemberClusters")?.listItems() ?? []).map(\.text)
            transitEncryption = element.string("TransitEncryptionEnabled") == "true"
            atRestEncryption = element.string("AtRestEncryptionEnabled") == "true"
            authTokenEnabled = element.string("AuthTokenEnabled") == "true"
            automaticFailover = element.string("AutomaticFailover") ?? ""
            multiAZ = element.string("MultiAZ") ?? ""
            let nodeGroup = element.child("NodeGroups")?.listItems().first
            primaryHost = nodeGroup?.string("PrimaryEndpoint", "Address") ?? ""
            primaryPort = Int(nodeGroup?.string("PrimaryEndpoint", "Port") ?? "") ?? 6379
            readerHost = nodeGroup?.string("ReaderEndpoint", "Address") ?? ""
        }
    }

    public func createCacheSubnetGroup(name: String, description: String, subnetIds: [String],
                                       tags: [String: String]) async throws -> CacheSubnetGroup {
        var parameters: QueryParameters = ["CacheSubnetGroupName": name, "CacheSubnetGroupDescription": description]
        parameters.addList("SubnetIds", subnetIds, member: "SubnetIdentifier")
        parameters.addTags(tags, name: "Tags", member: "Tag")
        let result = try await client.query(.elastiCache, "CreateCacheSubnetGroup", parameters)
        return CacheSubnetGroup(result.child("CacheSubnetGroup") ?? result)
    }

    /// The named group, or every group (one page of up to 100: a stack has a few).
    public func describeCacheSubnetGroups(name: String? = nil) async throws -> [CacheSubnetGroup] {
        var parameters = QueryParameters()
        parameters.add("CacheSubnetGroupName", name)
        var groups: [CacheSubnetGroup] = []
        for try await page in client.queryPages(.elastiCache, "DescribeCacheSubnetGroups", parameters) {
            groups += (page.child("CacheSubnetGroups")?.listItems() ?? []).map(CacheSubnetGroup.init)
        }
        return groups
    }

    public func modifyCacheSubnetGroup(name: String, subnetIds: [String]) async throws -> CacheSubnetGroup {
        var parameters: QueryParameters = ["CacheSubnetGroupName": name]
        parameters.addList("SubnetIds", subnetIds, member: "SubnetIdentifier")
        let result = try await client.query(.elastiCache, "ModifyCacheSubnetGroup", parameters)
        return CacheSubnetGroup(result.child("CacheSubnetGroup") ?? result)
    }

    public func deleteCacheSubnetGroup(name: String) async throws {
        _ = try await client.query(.elastiCache, "DeleteCacheSubnetGroup", ["CacheSubnetGroupName": name])
    }

    /// What CreateReplicationGroup takes. `authToken` is secret: it is only ever put on the wire.
    public struct ReplicationGroupSpec: Sendable, CustomStringConvertible {
        public var id: String
        /// The group's ReplicationGroupDescription.
        public var summary: String
        public var engineVersion: String
        public var nodeType: String
        public var replicas: Int
        public var subnetGroupName: String
        public var securityGroupIds: [String]
        public var transitEncryption: Bool
        public var atRestEncryption: Bool
        public var authToken: String?
        public var port = 6379

        public init(id: String, summary: String, engineVersion: String, nodeType: String, replicas: Int,
                    subnetGroupName: String, securityGroupIds: [String], transitEncryption: Bool,
                    atRestEncryption: Bool, authToken: String?) {
            self.id = id; self.summary = summary; self.engineVersion = engineVersion
            self.nodeType = nodeType; self.replicas = replicas; self.subnetGroupName = subnetGroupName
            self.securityGroupIds = securityGroupIds; self.transitEncryption = transitEncryption
            self.atRestEncryption = atRestEncryption; self.authToken = authToken
        }

        /// Never shows the AUTH token.
        public var description: String {
            "replication group \(id) (\(nodeType), \(replicas) replicas, auth token \(authToken == nil ? "none" : "redacted"))"
        }
    }

    /// Multi-AZ with automatic failover whenever there is a replica (AWS requires both together).
    public func createReplicationGroup(_ spec: ReplicationGroupSpec, tags: [String: String]) async throws -> ReplicationGroup {
        let highlyAvailable = spec.replicas > 0
        var parameters: QueryParameters = [
            "ReplicationGroupId": spec.id, "ReplicationGroupDescription": spec.summary,
            "Engine": "redis", "EngineVersion": spec.engineVersion, "CacheNodeType": spec.nodeType,
            "CacheSubnetGroupName": spec.subnetGroupName,
        ]
        parameters.add("NumCacheClusters", spec.replicas + 1)
        parameters.add("AutomaticFailoverEnabled", highlyAvailable)
        parameters.add("MultiAZEnabled", highlyAvailable)
        parameters.add("TransitEncryptionEnabled", spec.transitEncryption)
        parameters.add("AtRestEncryptionEnabled", spec.atRestEncryption)
        parameters.add("Port", spec.port)
        parameters.add("AuthToken", spec.authToken)
        parameters.addList("SecurityGroupIds", spec.securityGroupIds, member: "SecurityGroupId")
        parameters.addTags(tags, name: "Tags", member: "Tag")
        let result = try await client.query(.elastiCache, "CreateReplicationGroup", parameters)
        return ReplicationGroup(result.child("ReplicationGroup") ?? result)
    }

    /// The group, or nil when there is none with that id.
    public func describeReplicationGroup(id: String) async throws -> ReplicationGroup? {
        do {
            let result = try await client.query(.elastiCache, "DescribeReplicationGroups", ["ReplicationGroupId": id])
            return result.child("ReplicationGroups")?.listItems().first.map(ReplicationGroup.init)
        } catch let error as AWSError where error.code == "ReplicationGroupNotFoundFault" {
            return nil
        }
    }

    public func describeReplicationGroups() async throws -> [ReplicationGroup] {
        var groups: [ReplicationGroup] = []
        for try await page in client.queryPages(.elastiCache, "DescribeReplicationGroups") {
            groups += (page.child("ReplicationGroups")?.listItems() ?? []).map(ReplicationGroup.init)
        }
        return groups
    }

    /// Node type and failover settings, applied immediately.
    public func modifyReplicationGroup(id: String, nodeType: String?, highlyAvailable: Bool?) async throws -> ReplicationGroup {
        var parameters: QueryParameters = ["ReplicationGroupId": id, "ApplyImmediately": "true"]
        parameters.add("CacheNodeType", nodeType)
        parameters.add("AutomaticFailoverEnabled", highlyAvailable)
        parameters.add("MultiAZEnabled", highlyAvailable)
        let result = try await client.query(.elastiCache, "ModifyReplicationGroup", parameters)
        return ReplicationGroup(result.child("ReplicationGroup") ?? result)
    }

    /// Adds or removes read replicas of a cluster-mode-disabled group in place: the group, its
    /// endpoints and its data stay (IncreaseReplicaCount / DecreaseReplicaCount, applied now).
    public func changeReplicaCount(id: String, from current: Int, to replicas: Int) async throws -> ReplicationGroup {
        let action = replicas > current ? "IncreaseReplicaCount" : "DecreaseReplicaCount"
        var parameters: QueryParameters = ["ReplicationGroupId": id, "ApplyImmediately": "true"]
        parameters.add("NewReplicaCount", replicas)
        let result = try await client.query(.elastiCache, action, parameters)
        return ReplicationGroup(result.child("ReplicationGroup") ?? result)
    }

    public func deleteReplicationGroup(id: String) async throws {
        _ = try await client.query(.elastiCache, "DeleteReplicationGroup", ["ReplicationGroupId": id])
    }

    /// Tags of a group or subnet group, by ARN.
    public func listTags(arn: String) async throws -> [String: String] {
        let result = try await client.query(.elastiCache, "ListTagsForResource", ["ResourceName": arn])
        var tags: [String: String] = [:]
        for tag in result.child("TagList")?.listItems() ?? [] {
            if let key = tag.string("Key") { tags[key] = tag.string("Value") ?? "" }
        }
        return tags
    }
}
