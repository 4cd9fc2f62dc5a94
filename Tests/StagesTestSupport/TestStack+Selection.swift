import Foundation
import Provisioning
import Stages

/// `up`/`plan`/`down` limited to stages 00…`to`, for the stages that build on the first ones.
extension TestStack {
    func up(to: String, events: EventSink = .discard) async throws -> ApplyReport {
        let deployment = try deployment(to: to)
        let graph = try await deployment.graph(try targets(deployment))
        return await deployment.engine(options: Self.fastOptions, events: events)
            .apply(graph, selection: deployment.selection, environment: deployment.environment)
    }

    func plan(to: String) async throws -> Plan {
        let deployment = try deployment(to: to)
        let graph = try await deployment.graph(try targets(deployment))
        return try await deployment.engine(options: Self.fastOptions).plan(graph, selection: deployment.selection)
    }

    func down(to: String) async throws -> DestroyReport {
        let deployment = try deployment(to: to)
        let graph = try await deployment.graph(try targets(deployment))
        return await deployment.engine(options: Self.fastOptions).destroy(graph, selection: deployment.selection)
    }

    /// Rewrites the stack file with `services:` appended (sizes, counts).
    func writeStack(services: String) throws {
        try (Self.yaml(name: name, endpoint: aws.endpoint, local: localYAML) + services).write(to: stackFile, atomically: true, encoding: .utf8)
    }
}
