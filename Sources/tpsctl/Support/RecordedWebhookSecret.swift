import AWSClient
import ArgumentParser
import Provisioning
import Stages
import Ticketing

/// The payment webhook secret of a deployed stack, for `e2e` and `load` acting as the payment
/// provider without `--webhook-secret-file`: stage 03 recorded only its ARN (first region, the
/// one the entry point's primary origin serves), so the value is read from Secrets Manager with
/// the caller's credentials, like any other client of that secret. Never printed or stored.
enum RecordedWebhookSecret {
    static func value(stackPath: String, stateDirectory: String) async throws -> SecretValue {
        let options = try DeploymentOptions.parse(["--stack", stackPath])
        let prepared = try options.prepare(options.request(stateDirectory: stateDirectory))
        let deployment = prepared.deployment
        guard let target = prepared.targets.first else {
            throw ValidationError("--stack \(stackPath): the stack has no region")
        }
        let region = target.name
        let recorded = try await deployment.store.outputs(region: RegionName(region))
        guard let arn = RecordedOutput.paymentWebhookSecretARN(in: RegionName(region)).value(in: recorded), !arn.isEmpty else {
            throw ValidationError("--stack \(stackPath): no payment webhook secret recorded in \(stateDirectory) for \(region) "
                                  + "(run tpsctl up through stage 03, or give --webhook-secret-file)")
        }
        do {
            return SecretValue(try await SecretsManager(client: target.client).getSecretValue(id: arn).value)
        } catch {
            throw ValidationError("--stack \(stackPath): reading the payment webhook secret \(arn): \(error)")
        }
    }
}
