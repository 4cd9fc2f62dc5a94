import Foundation
import Provisioning
import Stages

/// `up`/`plan`/`down` of one stage (its dependencies read from what earlier runs recorded).
extension TestStack {
    func deployment(stage: String) throws -> Deployment {
        try request(stage: stage).validate(environment: [:])
    }

    func up(stage: String, events: EventSink = .discard) async throws -> ApplyReport {
        let deployment = try deployment(stage: stage)
        let graph = try await deployment.graph(try targets(deployment))
        return await deployment.engine(options: Self.fastOptions, events: events)
            .apply(graph, selection: deployment.selection, environment: deployment.environment)
    }

    func plan(stage: String) async throws -> Plan {
        let deployment = try deployment(stage: stage)
        let graph = try await deployment.graph(try targets(deployment))
        return try await deployment.engine(options: Self.fastOptions).plan(graph, selection: deployment.selection)
    }

    func down(stage: String) async throws -> DestroyReport {
        let deployment = try deployment(stage: stage)
        let graph = try await deployment.graph(try targets(deployment))
        return await deployment.engine(options: Self.fastOptions).destroy(graph, selection: deployment.selection)
    }
}
