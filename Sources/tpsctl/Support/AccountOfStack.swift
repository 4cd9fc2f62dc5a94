import AWSClient
import ArgumentParser
import Stack

/// The stack file and the account the IAM commands write ARNs for: `--account` as given (12
/// digits), else the credentials' account from STS.
enum AccountOfStack {
    static func resolve(_ options: DeploymentOptions, account: String?) async throws -> (Stack, String) {
        let request = options.request(stateDirectory: "infra/out")
        if let account {
            guard account.count == 12, account.allSatisfy(\.isASCIIDigit) else {
                throw ValidationError("--account '\(account)': expected the 12-digit account id")
            }
            return (try request.validate(environment: AWSEnvironment.current().variables).stack, account)
        }
        let prepared = try options.prepare(request)
        let identity = try await STS(client: prepared.leaseClient).getCallerIdentity()
        return (prepared.deployment.stack, identity.account)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
