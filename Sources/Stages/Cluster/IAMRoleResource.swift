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

    private var iam: IAM { IAM(client: client) }

    func read(_ context: ResourceContext) async throws -> Live? {
        let role: IAM.Role
        do {
            role = try await iam.getRole(name: roleName)
        } catch where AWSErrorMatching.isNotFound(error) {
            return nil
        }
        let attached = try await iam.listAttachedRolePolicies(roleName: roleName)
        let names = try await iam.listRolePolicies(roleName: roleName)
        var inline: [String: String] = [:]
        for name in names {
            inline[name] = Self.canonical(try await iam.getRolePolicy(roleName: roleName, policyName: name))
        }
        return Live(
            name: roleName, arn: role.arn, trustPolicy: Self.canonical(role.assumeRolePolicyDocument),
            attached: Set(attached), inline: inline)
    }

    func diff(_ live: Live?, into diff: inout ResourceDiff, context: ResourceContext) throws {
        diff.compare("trustPolicy", desired: ECRRepositoryResource.canonical(trustPolicy), live: live?.trustPolicy)
        diff.compare("managedPolicies", desired: Set(managedPolicies), live: live?.attached)
        diff.compare("inlinePolicies", desired: inlinePolicies.mapValues(ECRRepositoryResource.canonical), live: live?.inline)
    }

    func create(_ context: ResourceContext) async throws -> Live {
        let role = try await iam.createRole(name: roleName, assumeRolePolicy: trustPolicy.encodedString(), path: path,
                                            tags: context.tags)
        let live = Live(name: roleName, arn: role.arn, trustPolicy: ECRRepositoryResource.canonical(trustPolicy),
                        attached: [], inline: [:])
        return try await converge(live)
    }

    func update(_ live: Live, changes: [FieldChange], context: ResourceContext) async throws -> Live {
        var live = live
        if live.trustPolicy != ECRRepositoryResource.canonical(trustPolicy) {
            try await iam.updateAssumeRolePolicy(roleName: roleName, policyDocument: trustPolicy.encodedString())
            live.trustPolicy = ECRRepositoryResource.canonical(trustPolicy)
        }
        return try await converge(live)
    }

    func delete(_ live: Live, context: ResourceContext) async throws {
        for arn in live.attached.sorted() {
            try await AWSErrorMatching.ignoringNotFound {
                try await iam.detachRolePolicy(roleName: roleName, policyArn: arn)
            }
        }
        for name in live.inline.keys.sorted() {
            try await AWSErrorMatching.ignoringNotFound {
                try await iam.deleteRolePolicy(roleName: roleName, policyName: name)
            }
        }
        try await AWSErrorMatching.ignoringNotFound {
            try await iam.deleteRole(name: roleName)
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
            try await iam.attachRolePolicy(roleName: roleName, policyArn: arn)
        }
        for arn in live.attached.subtracting(managedPolicies).sorted() {
            try await iam.detachRolePolicy(roleName: roleName, policyArn: arn)
        }
        live.attached = Set(managedPolicies)
        for name in inlinePolicies.keys.sorted() {
            let document = ECRRepositoryResource.canonical(inlinePolicies[name]!)
            guard live.inline[name] != document else { continue }
            try await iam.putRolePolicy(roleName: roleName, policyName: name,
                                        policyDocument: inlinePolicies[name]!.encodedString())
            live.inline[name] = document
        }
        for name in live.inline.keys.sorted() where inlinePolicies[name] == nil {
            try await iam.deleteRolePolicy(roleName: roleName, policyName: name)
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
