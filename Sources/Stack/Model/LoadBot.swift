/// The load bot: tpsctl itself in an image (`tpsctl build` makes it from the `tpsctl` product),
/// run as `load run --shard K/N` tasks by `tpsctl load run --ecs N`. It has its own repository
/// (stage 01), log group (stage 02) and task definition (stage 04), and no service.
public enum LoadBot {
    /// Its image, repository, log group and task definition family role.
    public static let name = "load-bot"
    /// The package product the image is made from.
    public static let product = "tpsctl"
    /// One vCPU per task, so a shard's rate is a per-vCPU figure; 2 GiB for its result timeline.
    public static let cpu = 1024
    public static let memoryMiB = 2048
    /// The environment variable the task definition injects the payment webhook secret into (the
    /// bot signs the payment provider's callbacks), read by `--webhook-secret-env`.
    public static let webhookSecretVariable = "PAYMENT_WEBHOOK_SECRET"
}
