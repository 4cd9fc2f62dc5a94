import AWSClient
import Foundation

/// Reads straight from the emulator, without the stages' code, to check what `up` and `down` did.
struct IndependentReads {
    let client: AWSClient
    let stack: String

    /// VPC ids tagged with the stack.
    func vpcs() async throws -> [String] {
        var parameters = QueryParameters()
        parameters.addFilters([("tag:tps:stack", [stack])])
        let response = try await client.ec2("DescribeVpcs", parameters)
        return (response.child("vpcSet")?.listItems() ?? []).compactMap { $0.string("vpcId") }
    }

    func subnets() async throws -> [String] {
        var parameters = QueryParameters()
        parameters.addFilters([("tag:tps:stack", [stack])])
        let response = try await client.ec2("DescribeSubnets", parameters)
        return (response.child("subnetSet")?.listItems() ?? []).compactMap { $0.string("cidrBlock") }.sorted()
    }

    func queueURLs() async throws -> [String] {
        try await SQS(client: client).listQueues(prefix: stack + "-")
    }

    func queueAttributes(_ url: String) async throws -> [String: String] {
        try await SQS(client: client).getQueueAttributes(queueUrl: url)
    }

    func tables() async throws -> [String] {
        let output = try await client.json(.dynamoDB, "ListTables", [:])
        return (output["TableNames"]?.array ?? []).compactMap(\.string).filter { $0.hasPrefix(stack + "-") }
    }

    func ttlStatus(_ table: String) async throws -> String? {
        let output = try await client.json(.dynamoDB, "DescribeTimeToLive", ["TableName": .string(table)])
        return output["TimeToLiveDescription"]?["TimeToLiveStatus"]?.string
    }

    /// The stack's ECR repositories: name → tag mutability.
    func repositories() async throws -> [String: String] {
        let output = try await client.json(.ecr, "DescribeRepositories", [:])
        var found: [String: String] = [:]
        for repository in output["repositories"]?.array ?? [] {
            guard let name = repository["repositoryName"]?.string, name.hasPrefix(stack + "/") else { continue }
            found[name] = repository["imageTagMutability"]?.string ?? ""
        }
        return found
    }

    func clusterStatus(_ name: String) async throws -> String? {
        let output = try await client.json(.ecs, "DescribeClusters", ["clusters": [.string(name)]])
        return output["clusters"]?.array?.first?["status"]?.string
    }

    /// The stack's IAM role names (IAM is global: both regions' roles).
    func roles() async throws -> [String] {
        let result = try await client.query(.iam, "ListRoles", ["PathPrefix": "/tps/\(stack)/"])
        return (result.child("Roles")?.listItems() ?? []).compactMap { $0.string("RoleName") }.sorted()
    }

    /// A role's inline policy document, URL-decoded.
    func inlinePolicy(role: String, name: String) async throws -> String {
        let result = try await client.query(.iam, "GetRolePolicy", ["RoleName": role, "PolicyName": name])
        let document = result.string("PolicyDocument") ?? ""
        return document.removingPercentEncoding ?? document
    }

    /// The stack's Redis replication groups (ids start with the stack name), as ElastiCache describes them.
    func replicationGroups() async throws -> [XMLTree] {
        let result = try await client.query(.elastiCache, "DescribeReplicationGroups")
        return (result.child("ReplicationGroups")?.listItems() ?? [])
            .filter { $0.string("ReplicationGroupId")?.hasPrefix(stack + "-") == true }
    }

    func cacheSubnetGroups() async throws -> [String] {
        let result = try await client.query(.elastiCache, "DescribeCacheSubnetGroups")
        return (result.child("CacheSubnetGroups")?.listItems() ?? []).compactMap { $0.string("CacheSubnetGroupName") }
            .filter { $0.hasPrefix(stack + "-") }
    }

    /// Secrets tagged with the stack (tpsctl's own; RDS-managed ones carry only RDS's tag).
    func taggedSecrets() async throws -> [String] {
        let output = try await client.json(.secretsManager, "ListSecrets", [
            "Filters": [["Key": "tag-value", "Values": [.string(stack)]]],
        ])
        return (output["SecretList"]?.array ?? []).compactMap { $0["ARN"]?.string }
    }

    func secretExists(_ arn: String) async throws -> Bool {
        do {
            let output = try await client.json(.secretsManager, "DescribeSecret", ["SecretId": .string(arn)])
            return output["DeletedDate"] == nil || output["DeletedDate"]?.isNull == true
        } catch let error as AWSError where error.code == "ResourceNotFoundException" {
            return false
        }
    }

    /// A secret's value, to prove it appears nowhere tpsctl writes.
    func secretValue(_ arn: String) async throws -> String {
        try await client.json(.secretsManager, "GetSecretValue", ["SecretId": .string(arn)])["SecretString"]?.string ?? ""
    }

    func dbClusters() async throws -> [XMLTree] {
        let result = try await client.query(.rds, "DescribeDBClusters")
        return (result.child("DBClusters")?.listItems() ?? [])
            .filter { $0.string("DBClusterIdentifier")?.hasPrefix(stack + "-") == true }
    }

    func dbInstances() async throws -> [XMLTree] {
        let result = try await client.query(.rds, "DescribeDBInstances")
        return (result.child("DBInstances")?.listItems() ?? [])
            .filter { $0.string("DBInstanceIdentifier")?.hasPrefix(stack + "-") == true }
    }

    func dbSubnetGroups() async throws -> [String] {
        let result = try await client.query(.rds, "DescribeDBSubnetGroups")
        return (result.child("DBSubnetGroups")?.listItems() ?? []).compactMap { $0.string("DBSubnetGroupName") }
            .filter { $0.hasPrefix(stack + "-") }
    }

    func natGateways() async throws -> [String] {
        var parameters = QueryParameters()
        parameters.addFilters([("tag:tps:stack", [stack]), ("state", ["pending", "available"])])
        let response = try await client.ec2("DescribeNatGateways", parameters)
        return (response.child("natGatewaySet")?.listItems() ?? []).compactMap { $0.string("natGatewayId") }
    }

    func elasticIPs() async throws -> [String] {
        var parameters = QueryParameters()
        parameters.addFilters([("tag:tps:stack", [stack])])
        let response = try await client.ec2("DescribeAddresses", parameters)
        return (response.child("addressesSet")?.listItems() ?? []).compactMap { $0.string("allocationId") }
    }

    /// How many of each kind the stack has in this region, counted by tag or name prefix
    /// (a duplicate shows up as a 2).
    func counts() async throws -> [String: Int] {
        [
            "vpc": try await vpcs().count, "subnet": try await subnets().count, "nat": try await natGateways().count,
            "eip": try await elasticIPs().count, "queue": try await queueURLs().count, "table": try await tables().count,
            "redis": try await replicationGroups().count, "cacheSubnetGroup": try await cacheSubnetGroups().count,
            "secret": try await taggedSecrets().count, "dbCluster": try await dbClusters().count,
            "dbInstance": try await dbInstances().count, "dbSubnetGroup": try await dbSubnetGroups().count,
        ]
    }

    /// What one region holds after a complete `up --to 03` of the test stack.
    static let expectedCounts = [
        "vpc": 1, "subnet": 4, "nat": 1, "eip": 1, "queue": 2, "table": 1, "redis": 1, "cacheSubnetGroup": 1,
        "secret": 3, "dbCluster": 1, "dbInstance": 1, "dbSubnetGroup": 1,
    ]
}
