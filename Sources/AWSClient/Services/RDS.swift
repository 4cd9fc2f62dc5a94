/// Amazon RDS (Query protocol): the Aurora PostgreSQL Serverless v2 cluster of stage 03, its DB
/// subnet group and its writer instance. The master password is managed by RDS in Secrets
/// Manager (ManageMasterUserPassword), so no call here ever carries a password.
public struct RDS: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct DBSubnetGroup: Sendable, Equatable {
        public var name: String
        public var arn: String
        public var subnetIds: Set<String>

        init(_ element: XMLTree) {
            name = element.string("DBSubnetGroupName") ?? ""
            arn = element.string("DBSubnetGroupArn") ?? ""
            subnetIds = Set((element.child("Subnets")?.listItems() ?? []).compactMap { $0.string("SubnetIdentifier") })
        }
    }

    public struct DBCluster: Sendable, Equatable {
        public var id: String
        public var arn: String
        /// `creating`, `available`, `modifying`, `deleting`, …
        public var status: String
        public var engine: String
        public var engineVersion: String
        public var databaseName: String
        public var masterUsername: String
        public var endpoint: String
        public var readerEndpoint: String
        public var port: Int
        public var storageEncrypted: Bool
        public var minACU: Double?
        public var maxACU: Double?
        /// The Secrets Manager secret RDS keeps the master password in (its ARN; never the value).
        public var masterUserSecretArn: String?
        public var members: [String]
        public var tags: [String: String]
        /// RDS refuses DeleteDBCluster while this is set.
        public var deletionProtection: Bool

        init(_ element: XMLTree) {
            id = element.string("DBClusterIdentifier") ?? ""
            deletionProtection = element.string("DeletionProtection") == "true"
            arn = element.string("DBClusterArn") ?? ""
            status = element.string("Status") ?? ""
            engine = element.string("Engine") ?? ""
            engineVersion = element.string("EngineVersion") ?? ""
            databaseName = element.string("DatabaseName") ?? ""
            masterUsername = element.string("MasterUsername") ?? ""
            endpoint = element.string("Endpoint") ?? ""
            readerEndpoint = element.string("ReaderEndpoint") ?? ""
            port = Int(element.string("Port") ?? "") ?? 5432
            storageEncrypted = element.string("StorageEncrypted") == "true"
            minACU = element.string("ServerlessV2ScalingConfiguration", "MinCapacity").flatMap(Double.init)
            maxACU = element.string("ServerlessV2ScalingConfiguration", "MaxCapacity").flatMap(Double.init)
            masterUserSecretArn = element.string("MasterUserSecret", "SecretArn")
            members = (element.child("DBClusterMembers")?.listItems() ?? []).compactMap { $0.string("DBInstanceIdentifier") }
            tags = RDS.tags(element.child("TagList"))
        }
    }

    public struct DBInstance: Sendable, Equatable {
        public var id: String
        public var arn: String
        public var status: String
        public var instanceClass: String
        public var clusterId: String
        public var tags: [String: String]

        init(_ element: XMLTree) {
            id = element.string("DBInstanceIdentifier") ?? ""
            arn = element.string("DBInstanceArn") ?? ""
            status = element.string("DBInstanceStatus") ?? ""
            instanceClass = element.string("DBInstanceClass") ?? ""
            clusterId = element.string("DBClusterIdentifier") ?? ""
            tags = RDS.tags(element.child("TagList"))
        }
    }

    public func createDBSubnetGroup(name: String, description: String, subnetIds: [String],
                                    tags: [String: String]) async throws -> DBSubnetGroup {
        var parameters: QueryParameters = ["DBSubnetGroupName": name, "DBSubnetGroupDescription": description]
        parameters.addList("SubnetIds", subnetIds, member: "SubnetIdentifier")
        parameters.addTags(tags, name: "Tags", member: "Tag")
        let result = try await client.query(.rds, "CreateDBSubnetGroup", parameters)
        return DBSubnetGroup(result.child("DBSubnetGroup") ?? result)
    }

    /// The named group, or nil when it does not exist.
    public func describeDBSubnetGroup(name: String) async throws -> DBSubnetGroup? {
        do {
            let result = try await client.query(.rds, "DescribeDBSubnetGroups", ["DBSubnetGroupName": name])
            return result.child("DBSubnetGroups")?.listItems().first.map(DBSubnetGroup.init)
        } catch let error as AWSError where error.code == "DBSubnetGroupNotFoundFault" {
            return nil
        }
    }

    public func describeDBSubnetGroups() async throws -> [DBSubnetGroup] {
        var groups: [DBSubnetGroup] = []
        for try await page in client.queryPages(.rds, "DescribeDBSubnetGroups") {
            groups += (page.child("DBSubnetGroups")?.listItems() ?? []).map(DBSubnetGroup.init)
        }
        return groups
    }

    public func modifyDBSubnetGroup(name: String, subnetIds: [String]) async throws -> DBSubnetGroup {
        var parameters: QueryParameters = ["DBSubnetGroupName": name]
        parameters.addList("SubnetIds", subnetIds, member: "SubnetIdentifier")
        let result = try await client.query(.rds, "ModifyDBSubnetGroup", parameters)
        return DBSubnetGroup(result.child("DBSubnetGroup") ?? result)
    }

    public func deleteDBSubnetGroup(name: String) async throws {
        _ = try await client.query(.rds, "DeleteDBSubnetGroup", ["DBSubnetGroupName": name])
    }

    /// What CreateDBCluster takes for an Aurora PostgreSQL Serverless v2 cluster.
    public struct ServerlessClusterSpec: Sendable {
        public var id: String
        public var engineVersion: String
        public var databaseName: String
        public var masterUsername: String
        public var minACU: Double
        public var maxACU: Double
        public var subnetGroupName: String
        public var securityGroupIds: [String]
        public var backupRetentionDays: Int
        public var port: Int
        /// Production stacks: RDS refuses to delete the cluster until this is turned off.
        public var deletionProtection = false

        public init(id: String, engineVersion: String, databaseName: String, masterUsername: String, minACU: Double,
                    maxACU: Double, subnetGroupName: String, securityGroupIds: [String], backupRetentionDays: Int,
                    port: Int) {
            self.id = id; self.engineVersion = engineVersion; self.databaseName = databaseName
            self.masterUsername = masterUsername; self.minACU = minACU; self.maxACU = maxACU
            self.subnetGroupName = subnetGroupName; self.securityGroupIds = securityGroupIds
            self.backupRetentionDays = backupRetentionDays; self.port = port
        }
    }

    /// Storage encrypted, password managed by RDS in Secrets Manager, tags copied to snapshots.
    public func createServerlessCluster(_ spec: ServerlessClusterSpec, tags: [String: String]) async throws -> DBCluster {
        var parameters: QueryParameters = [
            "DBClusterIdentifier": spec.id, "Engine": "aurora-postgresql", "EngineVersion": spec.engineVersion,
            "DatabaseName": spec.databaseName, "MasterUsername": spec.masterUsername,
            "DBSubnetGroupName": spec.subnetGroupName,
            "ServerlessV2ScalingConfiguration.MinCapacity": Self.capacity(spec.minACU),
            "ServerlessV2ScalingConfiguration.MaxCapacity": Self.capacity(spec.maxACU),
        ]
        parameters.add("ManageMasterUserPassword", true)
        parameters.add("StorageEncrypted", true)
        parameters.add("CopyTagsToSnapshot", true)
        parameters.add("BackupRetentionPeriod", spec.backupRetentionDays)
        parameters.add("Port", spec.port)
        parameters.add("DeletionProtection", spec.deletionProtection)
        parameters.addList("VpcSecurityGroupIds", spec.securityGroupIds, member: "VpcSecurityGroupId")
        parameters.addTags(tags, name: "Tags", member: "Tag")
        let result = try await client.query(.rds, "CreateDBCluster", parameters)
        return DBCluster(result.child("DBCluster") ?? result)
    }

    /// The cluster, or nil when there is none with that identifier.
    public func describeDBCluster(id: String) async throws -> DBCluster? {
        do {
            let result = try await client.query(.rds, "DescribeDBClusters", ["DBClusterIdentifier": id])
            return result.child("DBClusters")?.listItems().first.map(DBCluster.init)
        } catch let error as AWSError where error.code == "DBClusterNotFoundFault" {
            return nil
        }
    }

    public func describeDBClusters() async throws -> [DBCluster] {
        var clusters: [DBCluster] = []
        for try await page in client.queryPages(.rds, "DescribeDBClusters") {
            clusters += (page.child("DBClusters")?.listItems() ?? []).map(DBCluster.init)
        }
        return clusters
    }

    /// Scaling range and backup retention, applied immediately.
    public func modifyServerlessCluster(id: String, minACU: Double, maxACU: Double,
                                        backupRetentionDays: Int, deletionProtection: Bool? = nil) async throws -> DBCluster {
        var parameters: QueryParameters = [
            "DBClusterIdentifier": id, "ApplyImmediately": "true",
            "ServerlessV2ScalingConfiguration.MinCapacity": Self.capacity(minACU),
            "ServerlessV2ScalingConfiguration.MaxCapacity": Self.capacity(maxACU),
        ]
        parameters.add("BackupRetentionPeriod", backupRetentionDays)
        parameters.add("DeletionProtection", deletionProtection)
        let result = try await client.query(.rds, "ModifyDBCluster", parameters)
        return DBCluster(result.child("DBCluster") ?? result)
    }

    /// `finalSnapshot` nil: without a final snapshot (`down` removes the stack's data on
    /// purpose); otherwise RDS keeps the data in a manual snapshot of that name.
    public func deleteDBCluster(id: String, finalSnapshot: String? = nil) async throws {
        var parameters: QueryParameters = ["DBClusterIdentifier": id]
        if let finalSnapshot {
            parameters.add("FinalDBSnapshotIdentifier", finalSnapshot)
        } else {
            parameters.add("SkipFinalSnapshot", true)
        }
        _ = try await client.query(.rds, "DeleteDBCluster", parameters)
    }

    /// Turns deletion protection off (at once), so the cluster can be deleted.
    public func disableDeletionProtection(id: String) async throws {
        var parameters: QueryParameters = ["DBClusterIdentifier": id, "ApplyImmediately": "true"]
        parameters.add("DeletionProtection", false)
        _ = try await client.query(.rds, "ModifyDBCluster", parameters)
    }

    /// The manual snapshots of a cluster (final snapshots included).
    public func manualClusterSnapshots(clusterId: String) async throws -> [String] {
        let result = try await client.query(.rds, "DescribeDBClusterSnapshots",
                                            ["DBClusterIdentifier": clusterId, "SnapshotType": "manual"])
        return (result.child("DBClusterSnapshots")?.listItems() ?? []).compactMap { $0.string("DBClusterSnapshotIdentifier") }
    }

    public func createDBInstance(id: String, clusterId: String, instanceClass: String,
                                 tags: [String: String]) async throws -> DBInstance {
        var parameters: QueryParameters = [
            "DBInstanceIdentifier": id, "DBClusterIdentifier": clusterId, "DBInstanceClass": instanceClass,
            "Engine": "aurora-postgresql",
        ]
        parameters.add("PubliclyAccessible", false)
        parameters.addTags(tags, name: "Tags", member: "Tag")
        let result = try await client.query(.rds, "CreateDBInstance", parameters)
        return DBInstance(result.child("DBInstance") ?? result)
    }

    /// The instance, or nil when there is none with that identifier.
    public func describeDBInstance(id: String) async throws -> DBInstance? {
        do {
            let result = try await client.query(.rds, "DescribeDBInstances", ["DBInstanceIdentifier": id])
            return result.child("DBInstances")?.listItems().first.map(DBInstance.init)
        } catch let error as AWSError where error.code == "DBInstanceNotFound" || error.code == "DBInstanceNotFoundFault" {
            return nil
        }
    }

    public func describeDBInstances() async throws -> [DBInstance] {
        var instances: [DBInstance] = []
        for try await page in client.queryPages(.rds, "DescribeDBInstances") {
            instances += (page.child("DBInstances")?.listItems() ?? []).map(DBInstance.init)
        }
        return instances
    }

    public func deleteDBInstance(id: String) async throws {
        var parameters: QueryParameters = ["DBInstanceIdentifier": id]
        parameters.add("SkipFinalSnapshot", true)
        _ = try await client.query(.rds, "DeleteDBInstance", parameters)
    }

    /// Tags of any RDS resource, by ARN.
    public func listTags(arn: String) async throws -> [String: String] {
        let result = try await client.query(.rds, "ListTagsForResource", ["ResourceName": arn])
        return Self.tags(result.child("TagList"))
    }

    /// `0.5`, `2` — how ACUs travel on the wire.
    static func capacity(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    static func tags(_ list: XMLTree?) -> [String: String] {
        var tags: [String: String] = [:]
        for tag in list?.listItems() ?? [] {
            if let key = tag.string("Key") { tags[key] = tag.string("Value") ?? "" }
        }
        return tags
    }
}
