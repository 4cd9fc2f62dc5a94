/// The read-only IAM calls `tpsctl verify` makes: a role's trust policy and what its policies
/// allow (SimulatePrincipalPolicy), so a role that could not start a task is found before `up`.
extension IAM {
    /// SimulatePrincipalPolicy's verdict for one action on one resource.
    public enum Decision: String, Sendable {
        case allowed, explicitDeny, implicitDeny
    }

    public struct Evaluation: Sendable, Equatable {
        public var action: String
        public var resource: String
        public var decision: Decision
    }

    /// The role's trust policy as IAM answers it (JSON text, URL-encoded), or nil when there is no such role.
    public func trustPolicy(roleName: String) async throws -> String? {
        do {
            let result = try await client.query(.iam, "GetRole", ["RoleName": roleName])
            return (result.child("Role") ?? result).string("AssumeRolePolicyDocument") ?? ""
        } catch let error as AWSError where error.code == "NoSuchEntity" {
            return nil
        }
    }

    /// Whether the principal's identity-based policies (and boundary) allow each action on each
    /// resource. `context`: condition keys IAM does not look up itself, such as a secret's tags
    /// (`secretsmanager:ResourceTag/<key>`).
    public func simulatePrincipalPolicy(principalArn: String, actions: [String], resources: [String],
                                        context: [String: String] = [:]) async throws -> [Evaluation] {
        var parameters: QueryParameters = ["PolicySourceArn": principalArn]
        for (index, action) in actions.enumerated() { parameters.add("ActionNames.member.\(index + 1)", action) }
        for (index, resource) in resources.enumerated() { parameters.add("ResourceArns.member.\(index + 1)", resource) }
        for (index, entry) in context.sorted(by: { $0.key < $1.key }).enumerated() {
            let prefix = "ContextEntries.member.\(index + 1)"
            parameters.add("\(prefix).ContextKeyName", entry.key)
            parameters.add("\(prefix).ContextKeyValues.member.1", entry.value)
            parameters.add("\(prefix).ContextKeyType", "string")
        }
        let result = try await client.query(.iam, "SimulatePrincipalPolicy", parameters)
        return (result.child("EvaluationResults")?.listItems() ?? []).map { item in
            Evaluation(action: item.string("EvalActionName") ?? "", resource: item.string("EvalResourceName") ?? "",
                       decision: Decision(rawValue: item.string("EvalDecision") ?? "") ?? .implicitDeny)
        }
    }
}
