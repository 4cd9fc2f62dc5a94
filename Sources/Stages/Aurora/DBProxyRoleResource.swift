import AWSClient
import Provisioning

/// The IAM role RDS Proxy assumes to read the cluster's master-user secret: trusted by
/// rds.amazonaws.com from this account only, allowed secretsmanager:GetSecretValue on exactly
/// that secret's ARN (an output of the cluster, so the role follows a recreated cluster). The
/// RDS-managed secret is encrypted with the aws/secretsmanager key, whose key policy already
/// admits calls through Secrets Manager, so no KMS statement is needed.
struct DBProxyRoleResource: Resource {
    typealias Live = IAMRoleResource.Live

    let address: ResourceAddress
    let client: AWSClient
    let roleName: String
    let path: String
    /// The account trusted to pass the role (aws:SourceAccount), when the graph knows it.
    let account: String?
    let cluster: Dependency<AuroraClusterResource.Outputs>

    static let policyName = "read-cluster-secret"
    var dependencies: [ResourceAddress] { [cluster.address] }

    var trustPolicy: JSONValue {
        var statement: [String: JSONValue] = [
            "Effect": "Allow", "Principal": ["Service": "rds.amazonaws.com"], "Action": "sts:AssumeRole",
        ]
        if let account { statement["Condition"] = ["StringEquals": ["aws:SourceAccount": .string(account)]] }
        return ["Version": "2012-10-17", "Statement": [.object(statement)]]
    }

    func role(secretArn: String) -> IAMRoleResource {
        IAMRoleResource(
            address: address, client: client, roleName: roleName, path: path, trustPolicy: trustPolicy,
            managedPolicies: [],
            inlinePolicies: [Self.policyName: ["Version": "2012-10-17", "Statement": [[
                "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"],
                "Resource": .array([.string(secretArn)]),
            ]]]])
    }

    /// Reading the role needs no policy: the names are fixed.
    func read(_ context: ResourceContext) async throws -> Live? {
        try await role(secretArn: "").read(context)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        guard let secretArn = try context.output(\.masterUserSecretArn, of: cluster).value else {
            diff.compare("trustPolicy", desired: ECRRepositoryResource.canonical(trustPolicy), live: live?.trustPolicy)
            diff.compare("secret", desired: PlannedValue<String>.knownAfterApply,
                         live: live.map { $0.inline[Self.policyName] ?? "none" })
            return
        }
        try role(secretArn: secretArn).diff(live, into: &diff, context: context)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        try await role(secretArn: try context.requireOutput(\.masterUserSecretArn, of: cluster)).create(context)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        try await role(secretArn: try context.requireOutput(\.masterUserSecretArn, of: cluster))
            .update(live, changes: changes, context: context)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        try await role(secretArn: "").delete(live, context: context)
    }

    func outputs(_ live: Live) -> IAMRoleResource.Outputs {
        role(secretArn: "").outputs(live)
    }
}
