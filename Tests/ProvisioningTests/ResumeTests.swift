import Foundation
import Provisioning
import ProvisioningFixtures
import Testing

/// kill -9 of a real `up` process between a create and its record, then a rerun.
@Suite struct ResumeTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    @Test(arguments: [
        "ap-northeast-1/00-network/network.main",
        "ap-northeast-2/00-network/subnet.b",
        "ap-northeast-1/05-services/service.api",
    ])
    func killedBetweenCreateAndRecordThenRerunAdopts(victim: String) async throws {
        let provider = directory.provider
        let probe = try ProbeProcess(["apply", provider.root.path, directory.out.path, victim])
        _ = try await probe.waitForLine("CREATED \(victim)")
        probe.signal(SIGKILL)
        #expect(await probe.exitStatus() == SIGKILL)

        let created = try provider.allObjects().first { "\($0.region)/\($0.tags[ResourceTags.stageKey]!)/\($0.tags[ResourceTags.resourceKey]!)" == victim }
        let orphanedID = try #require(created?.id, "the killed process created \(victim)")
        let recorded = try await directory.store.allStageStates().flatMap { state in
            state.resources.values.map { "\(state.region)/\(state.stage.slug)/\($0.kind).\($0.name)" }
        }
        #expect(!recorded.contains(victim), "the crash came before the record")

        // The dead process's lock is stale; taking it over needs --force-unlock.
        #expect(throws: LockError.self) { try StateLock.acquire(in: directory.out, command: "up") }
        let lock = try StateLock.acquire(in: directory.out, command: "up", forceUnlock: true)
        defer { lock.release() }

        let report = await engine(directory).apply(try FixtureStack.graph(regions: [tokyo, seoul], provider: provider))
        #expect(report.succeeded, "\(report.failures)")
        let objects = try provider.allObjects()
        #expect(objects.count == 12, "nothing created twice")
        let victimRecord = try #require(report.outcomes.first { $0.key.description == victim })
        #expect(victimRecord.value == .unchanged, "adopted, not re-created")
        let state = try #require(try await directory.store.allStageStates().first { victim.hasPrefix("\($0.region)/\($0.stage.slug)/") })
        #expect(state.resources.values.contains { $0.outputs["id"]?.text == orphanedID })
    }
}
