import Provisioning

/// Where stage 03 records the services' secrets (their ARNs, output `secret`), for the commands
/// that read one back: `e2e` and `load` act as the payment provider with the webhook secret.
public enum RecordedSecrets {
    public static func paymentWebhook(in region: RegionName) -> ResourceAddress {
        DataPlaneStage.address(region, kind: "secret", name: DataPlaneStage.webhookSecretName)
    }
}
