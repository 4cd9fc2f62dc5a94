import AWSClient
import Stages

/// A validated deployment with its clients: ready for the first AWS call.
struct PreparedDeployment: Sendable {
    let deployment: Deployment
    let targets: [RegionTarget]
    /// For the stack's deploy lease (its home region).
    let leaseClient: AWSClient
}
