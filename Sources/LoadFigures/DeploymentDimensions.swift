import Provisioning
import Stack
import Stages

/// The dimension values of one region's metrics, read from what `tpsctl up` recorded in the
/// state directory (stage 05's ALB, target groups and ECS services; stage 03's queues, Aurora
/// cluster and Redis group) — the figures look at exactly the deployment that was loaded.
public struct DeploymentDimensions: Sendable, Equatable {
    public struct TargetGroup: Sendable, Equatable {
        public let service: String
        public let dimension: String
    }

    public struct ECSService: Sendable, Equatable {
        /// The stack's service (`public-api`), which labels the figures.
        public let role: String
        public let cluster: String
        public let service: String
    }

    public let region: String
    /// `app/<name>/<id>`.
    public let loadBalancer: String
    public let targetGroups: [TargetGroup]
    public let services: [ECSService]
    public let commitQueue: String
    public let deadLetterQueue: String
    public let auroraCluster: String
    public let redisGroup: String

    /// Every value from `store`'s files for `region`; a stage with no state, or a resource
    /// missing from it, is named with the `tpsctl up` stage that records it.
    public static func recorded(in store: StateStore, region: String) async throws -> DeploymentDimensions {
        let name = RegionName(region)
        let services = try await requiredState(store, region: name, stage: .services)
        let dataplane = try await requiredState(store, region: name, stage: .dataplane)
        func output(_ state: StageState, _ output: RecordedOutput) throws(FigureInputError) -> String {
            let file = store.stageFile(region: name, stage: state.stage).path
            let resource = "\(output.address.kind).\(output.address.name)"
            guard let record = state.record(for: output.address) else {
                throw FigureInputError("\(file): no \(resource) recorded; run `tpsctl up --stage \(state.stage.number) --region \(region)`")
            }
            guard let value = output.value(in: record.outputs), !value.isEmpty else {
                throw FigureInputError("\(file): \(resource) has no '\(output.name)' output; run `tpsctl up --stage \(state.stage.number) --region \(region)`")
            }
            return value
        }
        let servicesFile = store.stageFile(region: name, stage: .services).path
        func dimension(_ arn: String, _ derive: (String) throws(FigureInputError) -> String) throws(FigureInputError) -> String {
            do { return try derive(arn) } catch { throw FigureInputError("\(servicesFile): \(error.description)") }
        }
        let balancer = try dimension(try output(services, .loadBalancerARN(in: name)), ALBDimensions.loadBalancer(fromARN:))
        var groups: [TargetGroup] = []
        var ecsServices: [ECSService] = []
        for service in ServiceName.allCases {
            if service.servesHTTP {
                let arn = try output(services, .targetGroupARN(in: name, service))
                groups.append(TargetGroup(service: service.rawValue,
                                          dimension: try dimension(arn, ALBDimensions.targetGroup(fromARN:))))
            }
            ecsServices.append(ECSService(role: service.rawValue,
                                          cluster: try output(services, .serviceClusterName(in: name, service)),
                                          service: try output(services, .serviceName(in: name, service))))
        }
        return DeploymentDimensions(
            region: region, loadBalancer: balancer, targetGroups: groups, services: ecsServices,
            commitQueue: try output(dataplane, .commitQueueName(in: name)),
            deadLetterQueue: try output(dataplane, .deadLetterQueueName(in: name)),
            auroraCluster: try output(dataplane, .auroraClusterId(in: name)),
            redisGroup: try output(dataplane, .redisGroupId(in: name)))
    }

    private static func requiredState(_ store: StateStore, region: RegionName, stage: Stage) async throws -> StageState {
        guard let state = try await store.stageState(region: region, stage: stage) else {
            throw FigureInputError("\(store.stageFile(region: region, stage: stage).path): no state recorded for stage "
                + "\(stage.slug); run `tpsctl up --stage \(stage.number) --region \(region)` first")
        }
        return state
    }
}
