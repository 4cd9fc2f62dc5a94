/// A task definition's `valueFrom` for Secrets Manager: the secret's ARN, then optionally
/// `:json-key:version-stage:version-id`. An ARN has seven colon-separated fields
/// (`arn:aws:secretsmanager:region:account:secret:name-AbCdEf`); the rest selects inside it.
struct SecretValueFrom: Sendable, Equatable {
    let secretArn: String

    init?(valueFrom: String) {
        let fields = valueFrom.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 7, fields[0] == "arn", fields[2] == "secretsmanager", fields[5] == "secret" else { return nil }
        secretArn = fields.prefix(7).joined(separator: ":")
    }
}
