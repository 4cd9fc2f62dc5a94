/// RDS Proxy (Query protocol): the optional proxy in front of stage 03's Aurora writer, its
/// default target group's pool and its registered cluster. Auth names a Secrets Manager secret
/// by ARN only, so no call here carries a password.
extension RDS {
    public struct DBProxy: Sendable, Equatable {
        public var name: String
        public var arn: String
        /// `creating`, `available`, `modifying`, `deleting`, …
        public var status: String
        public var engineFamily: String
        public var roleArn: String
        public var endpoint: String
        public var requireTLS: Bool
        public var idleClientTimeout: Int
        public var subnetIds: Set<String>
        public var securityGroupIds: Set<String>
        /// Secret ARNs the proxy authenticates with, and each one's IAMAuth mode.
        public var auth: [String: String]

        init(_ element: XMLTree) {
            name = element.string("DBProxyName") ?? ""
            arn = element.string("DBProxyArn") ?? ""
            status = element.string("Status") ?? ""
            engineFamily = element.string("EngineFamily") ?? ""
            roleArn = element.string("RoleArn") ?? ""
            endpoint = element.string("Endpoint") ?? ""
            requireTLS = element.string("RequireTLS") == "true"
            idleClientTimeout = Int(element.string("IdleClientTimeout") ?? "") ?? 0
            subnetIds = Set((element.child("VpcSubnetIds")?.listItems() ?? []).map(\.text))
            securityGroupIds = Set((element.child("VpcSecurityGroupIds")?.listItems() ?? []).map(\.text))
            var auth: [String: String] = [:]
            for item in element.child("Auth")?.listItems() ?? [] {
                if let arn = item.string("SecretArn") { auth[arn] = item.string("IAMAuth") ?? "DISABLED" }
            }
            self.auth = auth
        }
    }

    /// What CreateDBProxy takes for a PostgreSQL proxy authenticating with one secret.
    public struct DBProxySpec: Sendable {
        public var name: String
        public var roleArn: String
        public var secretArn: String
        /// `DISABLED` (clients send the secret's password) or `REQUIRED` (IAM tokens only).
        public var iamAuth: String
        public var subnetIds: [String]
        public var securityGroupIds: [String]
        public var idleClientTimeout: Int

        public init(name: String, roleArn: String, secretArn: String, iamAuth: String, subnetIds: [String],
                    securityGroupIds: [String], idleClientTimeout: Int) {
            self.name = name; self.roleArn = roleArn; self.secretArn = secretArn; self.iamAuth = iamAuth
            self.subnetIds = subnetIds; self.securityGroupIds = securityGroupIds
            self.idleClientTimeout = idleClientTimeout
        }
    }

    public struct DBProxyPool: Sendable, Equatable {
        public var maxConnectionsPercent: Int
        public var connectionBorrowTimeout: Int
        public var targets: Set<String>

        public init(maxConnectionsPercent: Int, connectionBorrowTimeout: Int, targets: Set<String>) {
            self.maxConnectionsPercent = maxConnectionsPercent
            self.connectionBorrowTimeout = connectionBorrowTimeout
            self.targets = targets
        }
    }

    /// Engine POSTGRESQL, TLS required, SCRAM passwords from the secret.
    public func createDBProxy(_ spec: DBProxySpec, tags: [String: String]) async throws -> DBProxy {
        var parameters: QueryParameters = [
            "DBProxyName": spec.name, "EngineFamily": "POSTGRESQL", "RoleArn": spec.roleArn,
        ]
        parameters.addList("Auth", [[
            "AuthScheme": "SECRETS", "SecretArn": spec.secretArn, "IAMAuth": spec.iamAuth,
            "ClientPasswordAuthType": "POSTGRES_SCRAM_SHA_256",
        ]])
        parameters.addList("VpcSubnetIds", spec.subnetIds)
        parameters.addList("VpcSecurityGroupIds", spec.securityGroupIds)
        parameters.add("RequireTLS", true)
        parameters.add("IdleClientTimeout", spec.idleClientTimeout)
        parameters.addTags(tags, name: "Tags", member: "Tag")
        let result = try await client.query(.rds, "CreateDBProxy", parameters)
        return DBProxy(result.child("DBProxy") ?? result)
    }

    /// The proxy, or nil when there is none with that name.
    public func describeDBProxy(name: String) async throws -> DBProxy? {
        do {
            let result = try await client.query(.rds, "DescribeDBProxies", ["DBProxyName": name])
            return result.child("DBProxies")?.listItems().first.map(DBProxy.init)
        } catch let error as AWSError where error.code == "DBProxyNotFoundFault" {
            return nil
        }
    }

    public func describeDBProxies() async throws -> [DBProxy] {
        var proxies: [DBProxy] = []
        for try await page in client.queryPages(.rds, "DescribeDBProxies") {
            proxies += (page.child("DBProxies")?.listItems() ?? []).map(DBProxy.init)
        }
        return proxies
    }

    public func deleteDBProxy(name: String) async throws {
        _ = try await client.query(.rds, "DeleteDBProxy", ["DBProxyName": name])
    }

    /// The default target group's pool settings and the clusters registered in it.
    public func describeDBProxyPool(proxy: String) async throws -> DBProxyPool {
        let groups = try await client.query(.rds, "DescribeDBProxyTargetGroups", [
            "DBProxyName": proxy, "TargetGroupName": "default",
        ])
        let group = groups.child("TargetGroups")?.listItems().first
        let targets = try await client.query(.rds, "DescribeDBProxyTargets", [
            "DBProxyName": proxy, "TargetGroupName": "default",
        ])
        let clusters = (targets.child("Targets")?.listItems() ?? [])
            .filter { $0.string("Type") == "TRACKED_CLUSTER" }
            .compactMap { $0.string("TrackedClusterId") ?? $0.string("RdsResourceId") }
        return DBProxyPool(
            maxConnectionsPercent: Int(group?.string("ConnectionPoolConfig", "MaxConnectionsPercent") ?? "") ?? 100,
            connectionBorrowTimeout: Int(group?.string("ConnectionPoolConfig", "ConnectionBorrowTimeout") ?? "") ?? 120,
            targets: Set(clusters))
    }

    public func modifyDBProxyPool(proxy: String, maxConnectionsPercent: Int, connectionBorrowTimeout: Int) async throws {
        var parameters: QueryParameters = ["DBProxyName": proxy, "TargetGroupName": "default"]
        parameters.add("ConnectionPoolConfig.MaxConnectionsPercent", maxConnectionsPercent)
        parameters.add("ConnectionPoolConfig.ConnectionBorrowTimeout", connectionBorrowTimeout)
        _ = try await client.query(.rds, "ModifyDBProxyTargetGroup", parameters)
    }

    public func registerDBProxyCluster(proxy: String, clusterId: String) async throws {
        var parameters: QueryParameters = ["DBProxyName": proxy, "TargetGroupName": "default"]
        parameters.addList("DBClusterIdentifiers", [clusterId])
        _ = try await client.query(.rds, "RegisterDBProxyTargets", parameters)
    }

    public func deregisterDBProxyCluster(proxy: String, clusterId: String) async throws {
        var parameters: QueryParameters = ["DBProxyName": proxy, "TargetGroupName": "default"]
        parameters.addList("DBClusterIdentifiers", [clusterId])
        _ = try await client.query(.rds, "DeregisterDBProxyTargets", parameters)
    }
}
