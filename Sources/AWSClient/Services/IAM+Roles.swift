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
}
