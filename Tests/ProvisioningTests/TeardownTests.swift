import Foundation
import Provisioning
import ProvisioningFixtures
import Testing

@Suite struct TeardownTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    /// The object id each address was created with.
    func ids(_ provider: FileProvider) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try provider.allObjects().map { ("\($0.region)/\($0.tags[ResourceTags.resourceKey]!)", $0.id) })
    }

    @Test func downDeletesDependentsFirstAndLeavesNothing() async throws {
        let provider = directory.provider
        let graph = try FixtureStack.graph(regions: [tokyo, seoul], provider: provider)
        #expect(await engine(directory).apply(graph).succeeded)
        let created = try ids(provider)
        provider.clearCalls()
        let plan = try await engine(directory).planDestroy(graph)
        #expect(plan.actions.allSatisfy { $0.kind == .delete })
        #expect(plan.regions.first?.actions.map(\.address.regional) == [
            "05-services/service.api", "03-dataplane/table.seats", "03-dataplane/queue.commit",
            "00-network/subnet.b", "00-network/subnet.a", "00-network/network.main",
        ])
        let report = await engine(directory).destroy(graph)
        #expect(report.succeeded, "\(report.failures) \(report.leftovers)")
        #expect(report.leftovers.isEmpty)
        #expect(try provider.allObjects().isEmpty)
        let deletions = try provider.mutations().map(\.subject)
        for region in ["ap-northeast-1", "ap-northeast-2"] {
            func at(_ key: String) throws -> Int { try #require(deletions.firstIndex(of: created["\(region)/\(key)"]!)) }
            #expect(try at("service.api") < at("subnet.a"))
            #expect(try at("service.api") < at("queue.commit"))
            #expect(try at("service.api") < at("table.seats"))
            #expect(try at("subnet.a") < at("network.main"))
            #expect(try at("subnet.b") < at("network.main"))
        }
        #expect(try await directory.store.allStageStates().isEmpty, "records of deleted resources are dropped")
        // A second down finds nothing and mutates nothing.
        provider.clearCalls()
        let again = await engine(directory).destroy(graph)
        #expect(again.succeeded)
        #expect(Set(again.outcomes.values) == [.absent])
        #expect(try provider.mutations().isEmpty)
    }

    @Test func aFailedDeletionKeepsWhatItNeedsAndIsReportedAsLeftover() async throws {
        let provider = directory.provider
        #expect(await engine(directory).apply(try FixtureStack.graph(regions: [tokyo], provider: provider)).succeeded)
        let stubborn = try FixtureStack.graph(regions: [tokyo], provider: provider) { address in
            address.kind == "subnet" && address.name == "a" ? Behaviour(failing: ["delete"]) : Behaviour()
        }
        let report = await engine(directory).destroy(stubborn)
        #expect(!report.succeeded)
        #expect(report.failures.map(\.address) == [address(.network, "subnet", "a")])
        #expect(report.outcomes[address(.network, "network", "main")] == .skipped("ap-northeast-1/00-network/subnet.a failed"))
        #expect(report.outcomes[address(.network, "subnet", "b")] == .deleted)
        #expect(report.leftovers.compactMap(\.claimedAddress).sorted() == [address(.network, "network", "main"), address(.network, "subnet", "a")])
    }

    @Test func downOfAStageStillUsedByALaterOneIsRefusedBeforeAnyMutation() async throws {
        let provider = directory.provider
        let graph = try FixtureStack.graph(regions: [tokyo], provider: provider)
        #expect(await engine(directory).apply(graph).succeeded)
        provider.clearCalls()
        let report = await engine(directory).destroy(graph, selection: try StageSelection(stage: "00"))
        #expect(!report.succeeded)
        #expect(report.failures.map(\.address) == [address(.services, "service", "api")])
        #expect(report.failures.first?.message.contains("still exists and depends on a resource being deleted") == true)
        #expect(try provider.mutations().isEmpty)
        // Tearing down the later stages first makes it possible.
        #expect(await engine(directory).destroy(graph, selection: try StageSelection(from: "03")).succeeded)
        let network = await engine(directory).destroy(graph, selection: try StageSelection(stage: "00"))
        #expect(network.succeeded, "\(network.failures) \(network.leftovers)")
        #expect(try provider.allObjects().isEmpty)
    }

    @Test func downSweepsOrphansBeforeTheStagesTheyBelongTo() async throws {
        let provider = directory.provider
        let regions = [tokyo]
        let extra = FileResource(address(.network, "subnet", "old"), provider: provider, immutable: ["cidr": "10.0.9.0/24"],
            references: ["network_id": OutputReference(address(.network, "network", "main"))])
        let withExtra = try ResourceGraph(FixtureStack.resources(regions: regions, provider: provider) + [extra],
            sweeps: FixtureStack.sweeps(regions: regions, provider: provider))
        #expect(await engine(directory).apply(withExtra).succeeded)
        let orphanID = try #require(try provider.allObjects().first { $0.tags[ResourceTags.resourceKey] == "subnet.old" }?.id)
        let networkID = try #require(try provider.allObjects().first { $0.kind == "network" }?.id)
        let graph = try FixtureStack.graph(regions: regions, provider: provider)
        provider.clearCalls()
        let report = await engine(directory).destroy(graph)
        #expect(report.succeeded)
        #expect(report.outcomes[address(.network, "subnet", "old")] == .deleted)
        let deletions = try provider.mutations().map(\.subject)
        #expect(try #require(deletions.firstIndex(of: orphanID)) < #require(deletions.firstIndex(of: networkID)))
        #expect(try provider.allObjects().isEmpty)
    }
}
