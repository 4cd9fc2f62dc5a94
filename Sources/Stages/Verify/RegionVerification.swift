import AWSClient
import Stack

/// What every check of one region reads: the stack, the region's client and what its services'
/// task definitions are now (services with none yet are absent).
struct RegionVerification: Sendable {
    let stack: Stack
    let target: RegionTarget
    let account: String
    let deployed: [DeployedTaskDefinition]

    var region: String { target.name }
    var namer: ResourceNamer { stack.namer(for: target.config.region) }

    func finding(_ check: VerifyFinding.Check, _ message: String) -> VerifyFinding {
        VerifyFinding(region: region, check: check, message)
    }
}
