import Stages

/// A validated deployment with its clients: ready for the first AWS call.
struct PreparedDeployment: Sendable {
    let deployment: Deployment
    let targets: [RegionTarget]
}
