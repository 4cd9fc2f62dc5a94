import ArgumentParser
import Foundation
import Provisioning
import Stack
import Stages

/// Where a deployed stack is reached, as `up` recorded it: the distribution's `url` when stage 07
/// made one, else the load balancer `url` of the stack's first region (local deployments record
/// both; on AWS the distribution is the entry point).
enum RecordedEntryPoint {
    static func url(stackPath: String, stateDirectory: String) async throws -> String {
        let stack = try StackLoader.load(path: stackPath)
        let store = StateStore(root: URL(fileURLWithPath: stateDirectory))
        var balancer: String?
        for config in stack.regions {
            let region = RegionName(config.region.name)
            let recorded = try await store.outputs(region: region)
            if let url = RecordedOutput.distributionURL(in: region).value(in: recorded), !url.isEmpty { return url }
            if balancer == nil {
                balancer = RecordedOutput.loadBalancerURL(in: region).value(in: recorded)
            }
        }
        guard let balancer, !balancer.isEmpty else {
            throw ValidationError("--stack \(stackPath): no distribution or load balancer url recorded in \(stateDirectory) "
                                  + "(run tpsctl up through stage 05, or give --public and --confirm)")
        }
        return balancer
    }
}
