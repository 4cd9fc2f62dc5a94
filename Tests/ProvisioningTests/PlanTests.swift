import Foundation
import Provisioning
import ProvisioningFixtures
import Testing

@Suite struct PlanTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    func network(cidr: String = "10.0.0.0/16", dns: String = "true") -> FileResource {
        FileResource(address(.network, "network", "main"), provider: directory.provider, mutable: ["dns": dns], immutable: ["cidr": cidr])
    }

    func subnet() -> FileResource {
        FileResource(
            address(.network, "subnet", "a"), provider: directory.provider, immutable: ["cidr": "10.0.1.0/24"],
            references: ["network_id": OutputReference(address(.network, "network", "main"))])
    }

    @Test func freshStackPlansCreatesWithUnknownReferences() async throws {
        let plan = try await engine(directory).plan(try ResourceGraph([subnet(), network()]))
        #expect(plan.hasChanges)
        #expect(plan.render() == """
            ap-northeast-1:
              + 00-network/network.main
                  + cidr = "10.0.0.0/16"
                  + dns  = "true"
              + 00-network/subnet.a
                  + cidr       = "10.0.1.0/24"
                  + network_id = (known after apply)
            Plan for ap-northeast-1: 2 to add, 0 to change, 0 to replace, 0 to destroy, 0 unchanged.

            """)
        #expect(try directory.provider.mutations().isEmpty, "planning must not mutate")
    }

    @Test func convergedStackHasNoChanges() async throws {
        let graph = try ResourceGraph([subnet(), network()])
        #expect(await engine(directory).apply(graph).succeeded)
        let plan = try await engine(directory).plan(graph)
        #expect(!plan.hasChanges)
        #expect(plan.actions.map(\.kind) == [.noop, .noop])
        #expect(plan.render().hasSuffix("0 to destroy, 2 unchanged.\n\nNo changes. The live resources match the stack."))
    }

    @Test func mutableFieldPlansAnInPlaceUpdate() async throws {
        #expect(await engine(directory).apply(try ResourceGraph([network()])).succeeded)
        let plan = try await engine(directory).plan(try ResourceGraph([network(dns: "false")]))
        #expect(plan.render().contains("""
              ~ 00-network/network.main
                  ~ dns = "true" -> "false"
            Plan for ap-northeast-1: 0 to add, 1 to change, 0 to replace, 0 to destroy, 0 unchanged.
            """))
    }

    @Test func immutableFieldPlansAReplacementThatCascadesThroughReferences() async throws {
        #expect(await engine(directory).apply(try ResourceGraph([subnet(), network()])).succeeded)
        let plan = try await engine(directory).plan(try ResourceGraph([subnet(), network(cidr: "10.9.0.0/16")]))
        let text = plan.render()
        #expect(text.contains("""
              -/+ 00-network/network.main
                  # must be replaced: cidr forces replacement
                  ~ cidr = "10.0.0.0/16" -> "10.9.0.0/16" # forces replacement
            """))
        #expect(text.contains("""
              -/+ 00-network/subnet.a
                  # must be replaced: network_id forces replacement
            """))
        #expect(text.contains("~ network_id = \"network-"))
        #expect(text.contains("-> (known after apply) # forces replacement"))
    }

    @Test func orphansArePlannedAsDeletions() async throws {
        let provider = directory.provider
        let old = FileResource(address(.dataplane, "queue", "old"), provider: provider, mutable: ["visibility": "30"])
        let sweep = FileResource.sweep("queue", region: tokyo, stage: .dataplane, provider: provider)
        #expect(await engine(directory).apply(try ResourceGraph([network(), old], sweeps: [sweep])).succeeded)
        let graph = try ResourceGraph([network()], sweeps: [sweep])
        let plan = try await engine(directory).plan(graph)
        let deletion = try #require(plan.action(for: address(.dataplane, "queue", "old")))
        #expect(deletion.kind == .delete)
        #expect(plan.render().contains("  - 03-dataplane/queue.old\n      # orphan queue-"))
        let report = await engine(directory).apply(graph)
        #expect(report.outcomes[address(.dataplane, "queue", "old")] == .deleted)
        #expect(try provider.allObjects().map(\.kind) == ["network"])
    }

    @Test func jsonCarriesEveryActionWithStableKeys() async throws {
        let plan = try await engine(directory).plan(try ResourceGraph([subnet(), network()]))
        let json = try #require(try JSONSerialization.jsonObject(with: plan.json()) as? [String: Any])
        #expect(json["hasChanges"] as? Bool == true)
        let regions = try #require(json["regions"] as? [[String: Any]])
        #expect(regions.first?["region"] as? String == "ap-northeast-1")
        let actions = try #require(regions.first?["actions"] as? [[String: Any]])
        #expect(actions.map { $0["address"] as? String } == [
            "ap-northeast-1/00-network/network.main", "ap-northeast-1/00-network/subnet.a",
        ])
        #expect(actions.map { $0["action"] as? String } == ["create", "create"])
        let changes = try #require(actions[1]["changes"] as? [[String: Any]])
        #expect(changes.map { $0["field"] as? String } == ["cidr", "network_id"])
        #expect(changes[1]["after"] is NSNull, "known-after-apply values are null")
        let summary = try #require(regions.first?["summary"] as? [String: Int])
        #expect(summary == ["create": 2, "update": 0, "replace": 0, "delete": 0, "noop": 0])
        #expect(try plan.json() == (try plan.json()), "rendering is deterministic")
    }

    @Test func planEqualsApply() async throws {
        let provider = directory.provider
        let regions = [tokyo, seoul]
        #expect(await engine(directory).apply(try FixtureStack.graph(regions: regions, provider: provider)).succeeded)
        // Change one field of each sort, then compare what the plan said with what up did.
        var changed = FixtureStack.resources(regions: regions, provider: provider).map { $0 as! FileResource }
        for index in changed.indices {
            if changed[index].address == address(.dataplane, "queue", "commit") { changed[index].mutable["visibility"] = "60" }
            if changed[index].address == address(seoul, .network, "subnet", "b") { changed[index].immutable["cidr"] = "10.0.3.0/24" }
        }
        let graph = try ResourceGraph(changed, sweeps: FixtureStack.sweeps(regions: regions, provider: provider))
        let plan = try await engine(directory).plan(graph)
        provider.clearCalls()
        let report = await engine(directory).apply(graph)
        #expect(report.succeeded)
        #expect(report.plan == plan)
        let expected: [PlannedAction.Kind: ResourceOutcome] = [.noop: .unchanged, .create: .created, .replace: .replaced]
        for action in plan.actions {
            switch action.kind {
            case .update: #expect(report.outcomes[action.address] == .updated(action.changes.map(\.field)))
            default: #expect(report.outcomes[action.address] == expected[action.kind], "\(action.address)")
            }
        }
        #expect(Set(report.mutated) == Set(plan.actions.filter(\.kind.isChange).map(\.address)))
        #expect(plan.action(for: address(seoul, .services, "service", "api"))?.kind == .replace, "subnet id cascades")
        #expect(!(try await engine(directory).plan(graph)).hasChanges)
    }
}
