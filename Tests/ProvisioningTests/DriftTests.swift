import Foundation
import Provisioning
import ProvisioningFixtures
import Testing

@Suite struct DriftTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    @Test func reportsOutOfBandChangesAndUpRepairsThem() async throws {
        let provider = directory.provider
        let graph = try FixtureStack.graph(regions: [tokyo], provider: provider)
        #expect(await engine(directory).apply(graph).succeeded)
        #expect(!(try await engine(directory).drift(graph)).hasDrift)

        // Someone changes the queue behind tpsctl's back.
        var queue = try #require(try provider.allObjects().first { $0.kind == "queue" })
        queue.attributes["visibility"] = "60"
        try provider.put(queue, operation: "console edit")

        let drift = try await engine(directory).drift(graph)
        #expect(drift.hasDrift)
        let resource = try #require(drift.resources.first { $0.address == address(.dataplane, "queue", "commit") })
        #expect(resource.status == .drifted)
        let field = try #require(resource.fields.first { $0.field == "visibility" })
        #expect(field.desired == .known("\"30\"") && field.live == .known("\"60\"") && field.recorded == .known("\"30\""))
        #expect(field.cause == .changedOutside)
        #expect(drift.render().contains("""
            ap-northeast-1/03-dataplane/queue.commit: drifted
                visibility: desired "30", live "60", recorded "30" (changed outside tpsctl)
            """))

        let repair = await engine(directory).apply(graph)
        #expect(repair.mutated == [address(.dataplane, "queue", "commit")])
        #expect(!(try await engine(directory).drift(graph)).hasDrift)
    }

    @Test func distinguishesAnEditedStackMissingResourcesAndOrphans() async throws {
        let provider = directory.provider
        let graph = try FixtureStack.graph(regions: [tokyo], provider: provider)
        #expect(await engine(directory).apply(graph).succeeded)
        // Edited stack: desired visibility moves on, live and record stay.
        var edited = FixtureStack.resources(regions: [tokyo], provider: provider).map { $0 as! FileResource }
        let queueIndex = try #require(edited.firstIndex { $0.address.kind == "queue" })
        edited[queueIndex].mutable["visibility"] = "45"
        // The table disappears out of band; the queue is renamed in the stack, leaving an orphan.
        let table = try #require(try provider.allObjects().first { $0.kind == "table" })
        try provider.delete(kind: "table", region: tokyo, id: table.id)
        let drift = try await engine(directory).drift(
            try ResourceGraph(edited, sweeps: FixtureStack.sweeps(regions: [tokyo], provider: provider)))
        let queue = try #require(drift.resources.first { $0.address.kind == "queue" })
        #expect(queue.fields.first?.cause == .stackChanged)
        #expect(drift.resources.first { $0.address.kind == "table" }?.status == .missing)
        #expect(drift.orphans.isEmpty)

        edited.removeAll { $0.address.kind == "queue" || $0.address.kind == "service" }
        let withoutQueue = try await engine(directory).drift(
            try ResourceGraph(edited, sweeps: FixtureStack.sweeps(regions: [tokyo], provider: provider)))
        #expect(withoutQueue.orphans.compactMap(\.claimedAddress) == [
            address(.dataplane, "queue", "commit"), address(.services, "service", "api"),
        ])
        #expect(withoutQueue.render().contains("Orphans (tagged with the stack, not described by it):"))
    }
}
