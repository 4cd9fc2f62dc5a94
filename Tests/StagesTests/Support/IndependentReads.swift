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
}
