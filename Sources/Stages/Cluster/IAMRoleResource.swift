import AWSClient
import Foundation
import Provisioning

/// An IAM role for ECS tasks: its trust policy, attached managed policies and inline policies,
/// all converged. Created under the path `/tps/<stack>/` so the stack's roles list cheaply.
///
/// IAM is global but the roles are per region (`<stack>-<region-short>-<role>`), owned by that
/// region's graph: each role's policies name only its own region's ARNs (least privilege), and
/// `down --region X` deletes X's roles without touching a role the other region's tasks still
/// run with. The cost is two copies of each role, which IAM does not bill.
struct IAMRoleResource: Resource {
    struct Live: Sendable {
        var name: String
        var arn: String
        var trustPolicy: String
        var attached: Set<String>
        /// Inline policy name → canonical document.
        var inline: [String: String]
    }

    let address: ResourceAddress
    let client: AWSClient
    let roleName: String
    let path: String
    let trustPolicy: JSONValue
    let managedPolicies: [String]
    let inlinePolicies: [String: JSONValue]

    func read(_ context: ResourceContext) async throws -> Live? {
        let role: XMLTree
        do {
            role = try await client.query(.iam, "GetRole", ["RoleName": roleName]).child("Role") ?? XMLTree("Role")
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        let attached = try await client.query(.iam, "ListAttachedRolePolicies", ["RoleName": roleName])
        let names = try await client.query(.iam, "ListRolePolicies", ["RoleName": roleName])
        var inline: [String: String] = [:]
        for name in (names.child("PolicyNames")?.listItems() ?? []).map(\.text) {
            let policy = try await client.query(.iam, "GetRolePolicy", ["RoleName": roleName, "PolicyName": name])
            inline[name] = Self.canonical(policy.string("PolicyDocument") ?? "")
        }
        return Live(
            name: roleName, arn: role.string("Arn") ?? "",
            trustPolicy: Self.canonical(role.string("AssumeRolePolicyDocument") ?? ""),
            attached: Set((attached.child("AttachedPolicies")?.listItems() ?? []).compactMap { $0.string("PolicyArn") }),
            inline: inline)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("trustPolicy", desired: ECRRepositoryResource.canonical(trustPolicy), live: live?.trustPolicy)
        diff.compare("managedPolicies", desired: Set(managedPolicies), live: live?.attached)
        diff.compare("inlinePolicies", desired: inlinePolicies.mapValues(ECRRepositoryResource.canonical), live: live?.inline)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        var parameters: QueryParameters = [
            "RoleName": roleName, "Path": path, "AssumeRolePolicyDocument": trustPolicy.encodedString(),
        ]
        parameters.addTags(context.tags)
        let role = try await client.query(.iam, "CreateRole", parameters).child("Role") ?? XMLTree("Role")
        let live = Live(name: roleName, arn: role.string("Arn") ?? "", trustPolicy: ECRRepositoryResource.canonical(trustPolicy),
                        attached: [], inline: [:])
        return try await converge(live)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        if live.trustPolicy != ECRRepositoryResource.canonical(trustPolicy) {
            _ = try await client.query(.iam, "UpdateAssumeRolePolicy", [
                "RoleName": roleName, "PolicyDocument": trustPolicy.encodedString(),
            ])
            live.trustPolicy = ECRRepositoryResource.canonical(trustPolicy)
        }
        return try await converge(live)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        for arn in live.attached.sorted() {
            try await AWSErrorMatching.ignoringNotFound {
                _ = try await client.query(.iam, "DetachRolePolicy", ["RoleName": roleName, "PolicyArn": arn])
            }
        }
        for name in live.inline.keys.sorted() {
            try await AWSErrorMatching.ignoringNotFound {
                _ = try await client.query(.iam, "DeleteRolePolicy", ["RoleName": roleName, "PolicyName": name])
            }
        }
        try await AWSErrorMatching.ignoringNotFound {
            _ = try await client.query(.iam, "DeleteRole", ["RoleName": roleName])
        }
    }

    struct Outputs: PublishedOutputs {
        let roleName, roleArn: String
    }

    func outputs(_ live: Live) -> Outputs {
        Outputs(roleName: live.name, roleArn: live.arn)
    }

    private func converge(_ live: Live) async throws -> Live {
        var live = live
        for arn in Set(managedPolicies).subtracting(live.attached).sorted() {
            _ = try await client.query(.iam, "AttachRolePolicy", ["RoleName": roleName, "PolicyArn": arn])
        }
        for arn in live.attached.subtracting(managedPolicies).sorted() {
            _ = try await client.query(.iam, "DetachRolePolicy", ["RoleName": roleName, "PolicyArn": arn])
        }
        live.attached = Set(managedPolicies)
        for name in inlinePolicies.keys.sorted() {
            let document = ECRRepositoryResource.canonical(inlinePolicies[name]!)
            guard live.inline[name] != document else { continue }
            _ = try await client.query(.iam, "PutRolePolicy", [
                "RoleName": roleName, "PolicyName": name, "PolicyDocument": inlinePolicies[name]!.encodedString(),
            ])
            live.inline[name] = document
        }
        for name in live.inline.keys.sorted() where inlinePolicies[name] == nil {
            _ = try await client.query(.iam, "DeleteRolePolicy", ["RoleName": roleName, "PolicyName": name])
            live.inline[name] = nil
        }
        return live
    }

    /// IAM answers policy documents URL-encoded; compare them in one canonical JSON form.
    static func canonical(_ document: String) -> String {
        let decoded = document.removingPercentEncoding ?? document
        return ECRRepositoryResource.normalized(decoded)
    }
}

extension IAMRoleResource: SingleKindResource {
    static let kind = "iam_role"

    /// The stack's roles of one region: under `/tps/<stack>/`, named with the region's short name.
    static func listTagged(stack: String, in scope: Scope) async throws -> [TaggedObject] {
        let iam = IAM(client: scope.client)
        return try await TagConfirmation.confirmed(
            try await iam.listRoles(pathPrefix: scope.path).filter { $0.name.hasPrefix(scope.namePrefix) }, stack: stack,
            id: \.name, tags: { try await iam.listRoleTags(roleName: $0.name) })
    }

    /// Its policies are detached or deleted first.
    static func delete(id: String, in scope: Scope, context: ResourceContext) async throws {
        let iam = IAM(client: scope.client)
        for arn in try await iam.listAttachedRolePolicies(roleName: id) {
            try await iam.detachRolePolicy(roleName: id, policyArn: arn)
        }
        for policy in try await iam.listRolePolicies(roleName: id) {
            try await iam.deleteRolePolicy(roleName: id, policyName: policy)
        }
        try await AWSErrorMatching.ignoringNotFound { try await iam.deleteRole(name: id) }
    }

    /// Roles are listed by path, then narrowed to the region's by name.
    struct Scope: Sendable {
        let client: AWSClient
        let path: String
        let namePrefix: String
    }
}
