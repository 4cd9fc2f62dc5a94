import Provisioning
import Stack

/// Where stage 04 takes each service's image from.
public enum ImageSource: Sendable, Hashable {
    /// Stage 01's `ecr_image.<service>` output `imageUri` (`<repositoryUri>@sha256:<digest>`),
    /// so a deploy always runs exactly the image `up` pushed.
    case pushed
    /// Fixed references by digest: an image pushed by other means, or a test's.
    case fixed([ServiceName: String])

    /// The stage 01 resource that publishes `service`'s pushed image.
    public static func address(_ region: RegionName, _ service: ServiceName) -> ResourceAddress {
        image(region, service).address
    }

    static func image(_ region: RegionName, _ service: ServiceName) -> Dependency<ECRImageResource.Outputs> {
        ECRStage.image(region, named: service.rawValue)
    }
}
