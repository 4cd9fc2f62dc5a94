import Foundation
import Provisioning
import ProvisioningFixtures
import Testing

@Suite struct ResourceGraphTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    func node(_ name: String, stage: Stage = .network, dependsOn: [ResourceAddress] = []) -> FileResource {
        FileResource(address(stage, "node", name), provider: directory.provider, dependsOn: dependsOn)
    }

    @Test func orderPutsDependenciesFirstAndIsStable() throws {
        let a = address(.network, "node", "a"), b = address(.network, "node", "b"), c = address(.network, "node", "c")
        let graph = try ResourceGraph([node("c", dependsOn: [a]), node("b"), node("a", dependsOn: [b])])
        #expect(graph.order == [b, a, c])
        #expect(graph.dependents(of: a) == [c])
    }

    @Test func reportsACycleWithItsPath() throws {
        let a = address(.network, "node", "a"), b = address(.network, "node", "b"), c = address(.network, "node", "c")
        do {
            _ = try ResourceGraph([node("a", dependsOn: [b]), node("b", dependsOn: [c]), node("c", dependsOn: [a])])
            Issue.record("a cycle was accepted")
        } catch {
            #expect(error == .cycle([a, b, c, a]))
            #expect(error.description.contains(
                "dependency cycle ap-northeast-1/00-network/node.a -> ap-northeast-1/00-network/node.b"))
        }
    }

    @Test func rejectsUnknownDuplicateAndForwardDependencies() {
        let ghost = address(.network, "node", "ghost")
        #expect(throws: GraphError.unknownDependency(resource: address(.network, "node", "a"), missing: ghost)) {
            try ResourceGraph([node("a", dependsOn: [ghost])])
        }
        #expect(throws: GraphError.duplicateAddress(address(.network, "node", "a"))) {
            try ResourceGraph([node("a"), node("a")])
        }
        let later = address(.services, "node", "later")
        #expect(throws: GraphError.dependsOnLaterStage(resource: address(.network, "node", "a"), dependency: later)) {
            try ResourceGraph([node("a", dependsOn: [later]), node("later", stage: .services)])
        }
    }
}
