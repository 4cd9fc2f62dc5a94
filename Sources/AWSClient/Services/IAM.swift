/// AWS IAM (Query protocol, global: one endpoint, signed for us-east-1): roles.
public struct IAM: Sendable {
    public let client: AWSClient

    public init(client: AWSClient) {
        self.client = client
    }

    public struct Role: Sendable, Equatable {
        public var name: String
        public var arn: String
        public var roleId: String
        public var path: String
        /// The trust policy JSON text as IAM answers it (URL-encoded).
        public var assumeRolePolicyDocument: String

        init(_ role: XMLTree) {
            name = role.string("RoleName") ?? ""
            arn = role.string("Arn") ?? ""
            roleId = role.string("RoleId") ?? ""
            path = role.string("Path") ?? "/"
            assumeRolePolicyDocument = role.string("AssumeRolePolicyDocument") ?? ""
        }
    }

    /// `assumeRolePolicy` is the trust policy JSON text.
    public func createRole(name: String, assumeRolePolicy: String, path: String? = nil,
                           tags: [String: String] = [:]) async throws -> Role {
        var parameters: QueryParameters = ["RoleName": name]
        parameters.add("Path", path)
        parameters["AssumeRolePolicyDocument"] = assumeRolePolicy
        parameters.addTags(tags)
        let result = try await client.query(.iam, "CreateRole", parameters)
        return Role(result.child("Role") ?? result)
    }

    public func getRole(name: String) async throws -> Role {
        let result = try await client.query(.iam, "GetRole", ["RoleName": name])
        return Role(result.child("Role") ?? result)
    }

    public func deleteRole(name: String) async throws {
        _ = try await client.query(.iam, "DeleteRole", ["RoleName": name])
    }

    /// Replaces the role's trust policy (`policyDocument`: JSON text).
    public func updateAssumeRolePolicy(roleName: String, policyDocument: String) async throws {
        _ = try await client.query(.iam, "UpdateAssumeRolePolicy", ["RoleName": roleName, "PolicyDocument": policyDocument])
    }
}
