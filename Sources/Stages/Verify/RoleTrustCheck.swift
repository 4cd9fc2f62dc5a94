import AWSClient
import Foundation
import Stack

/// The task roles and the execution role must trust `ecs-tasks.amazonaws.com` to
/// `sts:AssumeRole`, and no one else: without the first ECS cannot start a task, with more any
/// other principal could act as the services. A role not created yet is no finding unless a
/// task definition already names it.
struct RoleTrustCheck {
    static let servicePrincipal = "ecs-tasks.amazonaws.com"

    func findings(_ region: RegionVerification) async -> [VerifyFinding] {
        let referenced = Set(region.deployed.flatMap { [$0.executionRoleArn, $0.taskRoleArn].compactMap { $0 } }
            .map { String($0.split(separator: "/").last ?? "") })
        let roles = [region.namer.name("task-execution", limit: .iamRole)]
            + ServiceName.allCases.map { region.namer.name("task-\($0.rawValue)", limit: .iamRole) }
        var findings: [VerifyFinding] = []
        let iam = IAM(client: region.target.client)
        for role in Set(roles).union(referenced).sorted() {
            do {
                guard let encoded = try await iam.trustPolicy(roleName: role) else {
                    if referenced.contains(role) {
                        findings.append(region.finding(.trust, "role \(role), named by a task definition, does not exist"))
                    }
                    continue
                }
                let document = encoded.removingPercentEncoding ?? encoded
                findings += Self.problems(try JSONValue(parsing: document)).map { region.finding(.trust, "role \(role): \($0)") }
            } catch {
                findings.append(region.finding(.trust, "role \(role) not checked: \(ImageDigestCheck.firstLine(error))"))
            }
        }
        return findings
    }

    /// What is wrong with a trust policy for an ECS task role (empty: nothing).
    static func problems(_ policy: JSONValue) -> [String] {
        let statements = policy["Statement"]?.array ?? (policy["Statement"].map { [$0] } ?? [])
        var trustsECS = false
        var others: Set<String> = []
        for statement in statements where statement["Effect"]?.string == "Allow" {
            let actions = strings(statement["Action"])
            guard actions.contains(where: { $0 == "sts:AssumeRole" || $0 == "sts:*" || $0 == "*" }) else { continue }
            let principal = statement["Principal"]
            let services = strings(principal?["Service"])
            if services.contains(servicePrincipal) { trustsECS = true }
            others.formUnion(services.filter { $0 != servicePrincipal })
            others.formUnion(strings(principal?["AWS"]).map { "AWS \($0)" })
            others.formUnion(strings(principal?["Federated"]).map { "Federated \($0)" })
            if principal?.string == "*" { others.insert("*") }
        }
        var problems: [String] = []
        if !trustsECS { problems.append("trust policy does not let \(servicePrincipal) assume it") }
        if !others.isEmpty { problems.append("trust policy also lets \(others.sorted().joined(separator: ", ")) assume it") }
        return problems
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        if let text = value?.string { return [text] }
        return value?.array?.compactMap(\.string) ?? []
    }
}
