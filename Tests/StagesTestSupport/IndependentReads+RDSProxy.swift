import AWSClient

/// RDS Proxy reads, straight from the emulator.
extension IndependentReads {
    /// The stack's proxies (names start with the stack name).
    func dbProxies() async throws -> [XMLTree] {
        let result = try await client.query(.rds, "DescribeDBProxies")
        return (result.child("DBProxies")?.listItems() ?? [])
            .filter { $0.string("DBProxyName")?.hasPrefix(stack + "-") == true }
    }

    func dbProxyTargetGroup(_ proxy: String) async throws -> XMLTree? {
        let result = try await client.query(.rds, "DescribeDBProxyTargetGroups", ["DBProxyName": proxy])
        return result.child("TargetGroups")?.listItems().first
    }

    func dbProxyTargets(_ proxy: String) async throws -> [XMLTree] {
        let result = try await client.query(.rds, "DescribeDBProxyTargets", ["DBProxyName": proxy])
        return result.child("Targets")?.listItems() ?? []
    }

    func securityGroupId(named name: String) async throws -> String? {
        var parameters = QueryParameters()
        parameters.addFilters([("tag:tps:stack", [stack]), ("group-name", [name])])
        let response = try await client.ec2("DescribeSecurityGroups", parameters)
        return response.child("securityGroupInfo")?.listItems().first?.string("groupId")
    }
}
