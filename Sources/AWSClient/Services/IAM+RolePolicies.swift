/// A role's permissions: the managed policies attached to it and its inline policies, which
/// a role resource converges one call per difference.
extension IAM {
    /// The ARNs of the managed policies attached to `roleName` (IAM's first page: a role holds at most 20).
    public func listAttachedRolePolicies(roleName: String) async throws -> [String] {
        let result = try await client.query(.iam, "ListAttachedRolePolicies", ["RoleName": roleName])
        return (result.child("AttachedPolicies")?.listItems() ?? []).compactMap { $0.string("PolicyArn") }
    }

    public func attachRolePolicy(roleName: String, policyArn: String) async throws {
        _ = try await client.query(.iam, "AttachRolePolicy", ["RoleName": roleName, "PolicyArn": policyArn])
    }

    public func detachRolePolicy(roleName: String, policyArn: String) async throws {
        _ = try await client.query(.iam, "DetachRolePolicy", ["RoleName": roleName, "PolicyArn": policyArn])
    }

    /// The names of `roleName`'s inline policies (IAM's first page).
    public func listRolePolicies(roleName: String) async throws -> [String] {
        let result = try await client.query(.iam, "ListRolePolicies", ["RoleName": roleName])
        return (result.child("PolicyNames")?.listItems() ?? []).map(\.text)
    }

    /// The inline policy's document as IAM answers it (URL-encoded JSON text).
    public func getRolePolicy(roleName: String, policyName: String) async throws -> String {
        let result = try await client.query(.iam, "GetRolePolicy", ["RoleName": roleName, "PolicyName": policyName])
        return result.string("PolicyDocument") ?? ""
    }

    /// Creates or replaces the inline policy `policyName` (`policyDocument`: JSON text).
    public func putRolePolicy(roleName: String, policyName: String, policyDocument: String) async throws {
        _ = try await client.query(.iam, "PutRolePolicy", [
            "RoleName": roleName, "PolicyName": policyName, "PolicyDocument": policyDocument,
        ])
    }

    public func deleteRolePolicy(roleName: String, policyName: String) async throws {
        _ = try await client.query(.iam, "DeleteRolePolicy", ["RoleName": roleName, "PolicyName": policyName])
    }
}
