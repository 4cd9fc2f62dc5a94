extension IAM {
    /// The roles under `pathPrefix` (follows Marker).
    public func listRoles(pathPrefix: String) async throws -> [Role] {
        var roles: [Role] = []
        for try await page in client.queryPages(.iam, "ListRoles", ["PathPrefix": pathPrefix]) {
            roles += (page.child("Roles")?.listItems() ?? []).map(Role.init)
        }
        return roles
    }

    public func listRoleTags(roleName: String) async throws -> [String: String] {
        let output = try await client.query(.iam, "ListRoleTags", ["RoleName": roleName])
        var tags: [String: String] = [:]
        for tag in output.child("Tags")?.listItems() ?? [] {
            if let key = tag.string("Key") { tags[key] = tag.string("Value") ?? "" }
        }
        return tags
    }

    /// The ARNs of the managed policies attached to the role.
    public func listAttachedRolePolicies(roleName: String) async throws -> [String] {
        let output = try await client.query(.iam, "ListAttachedRolePolicies", ["RoleName": roleName])
        return (output.child("AttachedPolicies")?.listItems() ?? []).compactMap { $0.string("PolicyArn") }
    }

    public func detachRolePolicy(roleName: String, policyArn: String) async throws {
        _ = try await client.query(.iam, "DetachRolePolicy", ["RoleName": roleName, "PolicyArn": policyArn])
    }

    /// The names of the role's inline policies.
    public func listRolePolicies(roleName: String) async throws -> [String] {
        let output = try await client.query(.iam, "ListRolePolicies", ["RoleName": roleName])
        return (output.child("PolicyNames")?.listItems() ?? []).map(\.text)
    }

    public func deleteRolePolicy(roleName: String, policyName: String) async throws {
        _ = try await client.query(.iam, "DeleteRolePolicy", ["RoleName": roleName, "PolicyName": policyName])
    }
}
