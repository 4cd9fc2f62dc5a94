import AWSClient

/// Each secret a task definition injects must exist (and not be scheduled for deletion), and the
/// task execution role must be allowed `secretsmanager:GetSecretValue` on it — asked of IAM's
/// policy simulator with the secret's tags as context, since a statement may be conditioned on
/// them (the RDS-managed secret's is). Otherwise ECS fails every task start with
/// ResourceInitializationError.
struct TaskSecretCheck {
    static let action = "secretsmanager:GetSecretValue"

    func findings(_ region: RegionVerification) async -> [VerifyFinding] {
        var findings: [VerifyFinding] = []
        let secrets = SecretsManager(client: region.target.client)
        let iam = IAM(client: region.target.client)
        for definition in region.deployed {
            let name = "\(definition.service.rawValue) (\(definition.reference))"
            for valueFrom in definition.secretReferences {
                guard let reference = SecretValueFrom(valueFrom: valueFrom) else { continue }
                do {
                    guard let secret = try await secrets.describeSecret(id: reference.secretArn), secret.deletedDate == nil else {
                        findings.append(region.finding(.secret, "\(name): secret \(reference.secretArn) does not exist"))
                        continue
                    }
                    guard let role = definition.executionRoleArn else {
                        findings.append(region.finding(.secret, "\(name): injects secrets but has no execution role"))
                        break
                    }
                    let context = Dictionary(uniqueKeysWithValues: secret.tags.map { ("secretsmanager:ResourceTag/\($0.key)", $0.value) })
                    let evaluations = try await iam.simulatePrincipalPolicy(
                        principalArn: role, actions: [Self.action], resources: [reference.secretArn], context: context)
                    let decision: IAM.Decision? = evaluations.first { $0.decision != .allowed }?.decision ?? (evaluations.isEmpty ? .implicitDeny : nil)
                    if let decision {
                        findings.append(region.finding(.secret,
                            "\(name): execution role \(role) may not read \(reference.secretArn) (\(decision.rawValue))"))
                    }
                } catch {
                    findings.append(region.finding(.secret, "\(name): \(reference.secretArn) not checked: \(ImageDigestCheck.firstLine(error))"))
                }
            }
        }
        return findings
    }
}
