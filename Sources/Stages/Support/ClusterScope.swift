import AWSClient
import Provisioning

/// Where the kinds that live on the stack's ECS cluster are swept (its services and their
/// scalable targets): the cluster is the stack's own, so its name scopes the listing.
struct ClusterScope: Sendable {
    let client: AWSClient
    let region: RegionName
    let clusterName: String
}
