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
        let environment = AWSEnvironment.current()
        let deployment = try DeploymentRequest(stackPath: stackPath, stateDirectory: stateDirectory)
            .validate(environment: environment.variables)
        guard let region = deployment.regions.first?.region.name else {
            throw ValidationError("--stack \(stackPath): the stack has no region")
        }
        let recorded = try await deployment.store.outputs(region: RegionName(region))
        guard let arn = RecordedOutput.paymentWebhookSecretARN(in: RegionName(region)).value(in: recorded), !arn.isEmpty else {
            throw ValidationError("--stack \(stackPath): no payment webhook secret recorded in \(stateDirectory) for \(region) "
                                  + "(run tpsctl up through stage 03, or give --webhook-secret-file)")
        }
        let configuration = try AWSConfiguration.load(
            AWSOverrides(region: region, endpointURL: deployment.endpointURL), environment: environment)
        let client = try AWSClient(configuration: configuration, region: region)
        do {
            return SecretValue(try await SecretsManager(client: client).getSecretValue(id: arn).value)
        } catch {
            throw ValidationError("--stack \(stackPath): reading the payment webhook secret \(arn): \(error)")
        }
    }
}
