import Foundation
import Provisioning
import Stages

/// `up` of one stage with its events recorded (its dependencies read from what earlier runs recorded).
extension TestStack {
    func up(stage: String, events: EventSink) async throws -> ApplyReport {
        let deployment = try deployment(stage: stage)
        let graph = try await deployment.graph(try targets(deployment))
        return await deployment.engine(options: Self.fastOptions, events: events)
            .apply(graph, selection: deployment.selection, environment: deployment.environment)
    }
}
