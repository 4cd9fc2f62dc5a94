import Foundation
import Provisioning
import ProvisioningFixtures
import Testing

@Suite struct ApplyTests {
    let directory: TestDirectory
    init() throws { directory = try TestDirectory() }

    @Test func secondApplyMakesNoMutatingCall() async throws {
        let provider = directory.provider
        let graph = try FixtureStack.graph(regions: [tokyo, seoul], provider: provider)
        let first = await engine(directory).apply(graph)
        #expect(first.succeeded, "\(first.failures)")
        #expect(first.mutated.count == 12)
        provider.clearCalls()
        let second = await engine(directory).apply(graph)
        #expect(second.succeeded)
        #expect(second.mutated.isEmpty)
        #expect(try provider.mutations().isEmpty)
        #expect(try provider.calls().count > 0, "the second run did read")
    }

    @Test func deletedStateIsRebuiltByAdoption() async throws {
        let provider = directory.provider
        let graph = try FixtureStack.graph(regions: [tokyo], provider: provider)
        #expect(await engine(directory).apply(graph).succeeded)
        let recorded = try await directory.store.record(for: address(.network, "network", "main"))
        try FileManager.default.removeItem(at: directory.out)
        provider.clearCalls()
        let report = await engine(directory).apply(graph)
        #expect(report.succeeded)
        #expect(try provider.mutations().isEmpty, "everything adopted, nothing created twice")
        #expect(try provider.allObjects().count == 6)
        let adopted = try await directory.store.record(for: address(.network, "network", "main"))
        #expect(adopted?.outputs == recorded?.outputs)
    }

    @Test func recordsOutputsAndAppliedFieldsPerRegionAndStage() async throws {
        let graph = try FixtureStack.graph(regions: [tokyo, seoul], provider: directory.provider)
        #expect(await engine(directory).apply(graph).succeeded)
        for region in [tokyo, seoul] {
            for stage in [Stage.network, .dataplane, .services] {
                #expect(FileManager.default.fileExists(atPath: directory.out.appendingPathComponent("\(region)/\(stage.slug).json").path))
            }
        }
        let state = try #require(try await directory.store.stageState(region: seoul, stage: .dataplane))
        let queue = try #require(state.resources["queue.commit"])
        #expect(queue.applied == ["visibility": .known("\"30\"")])
        #expect(queue.outputs["id"]?.text.hasPrefix("queue-") == true)
        let service = try #require(try await directory.store.record(for: address(seoul, .services, "service", "api")))
        #expect(service.applied["queue_arn"] == .known("\"\(queue.outputs["arn"]!.text)\""), "dependency outputs flow into dependents")
    }

    @Test func dependenciesAreCreatedBeforeDependents() async throws {
        let provider = directory.provider
        let graph = try FixtureStack.graph(regions: [tokyo, seoul], provider: provider)
        #expect(await engine(directory, concurrency: 8).apply(graph).succeeded)
        let objects = try provider.allObjects()
        let createOrder = try creates(provider)
        func position(_ region: RegionName, _ kind: String, _ name: String) throws -> Int {
            let identity = ResourceTags(stack: FixtureStack.name, address: address(region, kind == "service" ? .services : kind == "queue" || kind == "table" ? .dataplane : .network, kind, name))
            let object = try #require(objects.first { identity.match($0.tags) })
            return try #require(createOrder.firstIndex(of: object.id))
        }
        for region in [tokyo, seoul] {
            #expect(try position(region, "network", "main") < position(region, "subnet", "a"))
            #expect(try position(region, "network", "main") < position(region, "subnet", "b"))
            for need in [("subnet", "a"), ("subnet", "b"), ("queue", "commit"), ("table", "seats")] {
                #expect(try position(region, need.0, need.1) < position(region, "service", "api"))
            }
        }
    }

    @Test func concurrencyIsBoundedPerRegionAndRegionsRunTogether() async throws {
        let gauge = InFlightGauge()
        let provider = directory.provider
        let behaviour = Behaviour(operationDelay: .milliseconds(60), gauge: gauge)
        let resources = [tokyo, seoul].flatMap { region in
            (0..<12).map { FileResource(address(region, .dataplane, "queue", "q\($0)"), provider: provider, mutable: ["n": "\($0)"], behaviour: behaviour) }
        }
        let report = await engine(directory, concurrency: 3).apply(try ResourceGraph(resources))
        #expect(report.succeeded)
        let peak = await gauge.peak
        #expect(peak[tokyo]! <= 3 && peak[seoul]! <= 3, "bound of 3 per region: \(peak)")
        #expect(peak[tokyo]! >= 2 && peak[seoul]! >= 2, "independent resources run concurrently: \(peak)")
        #expect(await gauge.totalPeak > 3, "both regions at once")
    }

    @Test func aFailureSkipsDependentsButNotIndependentWork() async throws {
        let provider = directory.provider
        let recorder = EventRecorder()
        let graph = try FixtureStack.graph(regions: [tokyo, seoul], provider: provider) { address in
            switch (address.region, address.kind, address.name) {
            case (tokyo, "subnet", "a"), (seoul, "table", "seats"): Behaviour(failing: ["create"])
            case (tokyo, "queue", "commit"): Behaviour(operationDelay: .milliseconds(200))
            default: Behaviour()
            }
        }
        let report = await engine(directory, events: recorder.sink).apply(graph)
        #expect(!report.succeeded)
        #expect(report.failures.map(\.address) == [address(tokyo, .network, "subnet", "a"), address(seoul, .dataplane, "table", "seats")])
        #expect(report.failures.allSatisfy { $0.message == "injected create failure" })
        #expect(report.outcomes[address(tokyo, .services, "service", "api")] == .skipped("ap-northeast-1/00-network/subnet.a failed"))
        #expect(report.outcomes[address(seoul, .services, "service", "api")] == .skipped("ap-northeast-2/03-dataplane/table.seats failed"))
        #expect(report.outcomes[address(tokyo, .dataplane, "queue", "commit")] == .created, "in-flight work finishes")
        #expect(report.outcomes[address(tokyo, .network, "subnet", "b")] == .created)
        #expect(try provider.allObjects().filter { $0.kind == "service" }.isEmpty)
        #expect(recorder.events.contains { if case .skipped = $0 { true } else { false } })

        // Fixed: the rerun creates only what is missing.
        provider.clearCalls()
        let rerun = await engine(directory).apply(try FixtureStack.graph(regions: [tokyo, seoul], provider: provider))
        #expect(rerun.succeeded)
        #expect(Set(rerun.mutated) == [
            address(tokyo, .network, "subnet", "a"), address(tokyo, .services, "service", "api"),
            address(seoul, .dataplane, "table", "seats"), address(seoul, .services, "service", "api"),
        ])
    }

    @Test func selectionReadsDependenciesOutsideItAndRefusesWhenTheyAreMissing() async throws {
        let provider = directory.provider
        let graph = try FixtureStack.graph(regions: [tokyo], provider: provider)
        do {
            _ = try await engine(directory).plan(graph, selection: try StageSelection(stage: "05"))
            Issue.record("planning stage 05 on an empty stack succeeded")
        } catch let error as PlanFailed {
            #expect(error.failures.contains { $0.message.contains("needed by the selected stages but does not exist; include stage 00-network") })
            #expect(error.description.hasPrefix("planning failed, nothing was changed:"))
        }
        let partial = await engine(directory).apply(graph, selection: try StageSelection(to: "03"))
        #expect(partial.succeeded)
        #expect(try provider.allObjects().filter { $0.kind == "service" }.isEmpty)
        let rest = await engine(directory).apply(graph, selection: try StageSelection(stage: "05"))
        #expect(rest.succeeded)
        #expect(rest.mutated == [address(.services, "service", "api")])
    }

    @Test func slowResourcesAreAwaitedWithProgressAndResumedWaitsFinish() async throws {
        let provider = directory.provider
        let slow: @Sendable (ResourceAddress) -> Behaviour = { $0.kind == "network" ? Behaviour(readyAfter: 3600) : Behaviour() }
        let graph = try FixtureStack.graph(regions: [tokyo], provider: provider, behaviour: slow)
        // A run that gives up waiting leaves the network pending and creates nothing after it.
        let impatient = Engine(
            stack: FixtureStack.name, store: directory.store,
            options: EngineOptions(waitPolicy: WaitPolicy(initialInterval: .milliseconds(10), timeout: .milliseconds(30))))
        let first = await impatient.apply(graph)
        #expect(first.failures.map(\.address) == [address(.network, "network", "main")])
        #expect(first.failures.first?.message.contains("gave up waiting for network network-") == true)
        #expect(try provider.allObjects().filter { $0.kind == "subnet" }.isEmpty)

        // The rerun adopts the pending network and waits for it, reporting progress; the
        // "cloud" finishes the network once the wait is under way.
        let recorder = EventRecorder()
        let rerun = Task { await engine(directory, events: recorder.sink).apply(graph) }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while recorder.waits.isEmpty, clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        var network = try #require(try provider.allObjects().first { $0.kind == "network" })
        network.readyAt = Date()
        try provider.put(network, operation: "became available")
        let second = await rerun.value

        #expect(second.succeeded)
        #expect(second.outcomes[address(.network, "network", "main")] == .unchanged)
        #expect(try creates(provider).count == 6, "the network was created once")
        let waits = recorder.waits
        #expect(!waits.isEmpty)
        #expect(waits.allSatisfy { $0.subject == address(.network, "network", "main") && $0.status == "pending" })
        #expect(waits.first?.description.hasPrefix("ap-northeast-1/00-network/network.main: waiting for network network-") == true)
        let subnetCreated = recorder.events.firstIndex { if case let .started(address, "create") = $0 { address.kind == "subnet" } else { false } }
        let lastWait = recorder.events.lastIndex { if case .waiting = $0 { true } else { false } }
        #expect(try #require(lastWait) < #require(subnetCreated), "dependents start after the wait")
    }

    @Test func environmentIsProjectedFromRecordedOutputs() async throws {
        let graph = try FixtureStack.graph(regions: [tokyo, seoul], provider: directory.provider)
        let report = await engine(directory).apply(graph) { recorded in
            var section = EnvironmentSection(region: recorded.region)
            try section.set(.awsRegion, recorded.region.rawValue)
            try section.set(.commitQueueURL, recorded[address(recorded.region, .dataplane, "queue", "commit")]!["id"]!.text)
            section.setSecret(.dbPassword, SecretReference(arn: "arn:aws:secretsmanager:\(recorded.region):1:secret:db"))
            return section
        }
        #expect(report.succeeded)
        let environment = try await directory.store.environment()
        #expect(environment.sections.keys.sorted() == [tokyo, seoul])
        #expect(environment.sections[seoul]?.values[.awsRegion] == "ap-northeast-2")
        #expect(environment.sections[tokyo]?.values[.commitQueueURL]?.hasPrefix("queue-") == true)
    }
}

@Suite struct InterruptTests {
    @Test func anInterruptLetsStartedStepsFinishAndStartsNothingMore() async throws {
        let directory = try TestDirectory()
        let provider = directory.provider
        let started = AsyncStream<Void>.makeStream()
        let graph = try FixtureStack.graph(regions: [tokyo], provider: provider) { address in
            guard address.kind == "network" else { return Behaviour() }
            return Behaviour(operationDelay: .milliseconds(300), afterCreate: { _ in started.continuation.yield() })
        }
        let run = Task { await engine(directory, concurrency: 1).apply(graph) }
        var iterator = started.stream.makeAsyncIterator()
        await iterator.next()
        run.cancel()
        let report = await run.value
        #expect(report.interrupted && !report.succeeded)
        #expect(report.outcomes[address(.network, "network", "main")] == .created, "the started step finished")
        #expect(try await directory.store.record(for: address(.network, "network", "main")) != nil, "and was recorded")
        #expect(report.outcomes[address(.network, "subnet", "a")] == .skipped("interrupted before it started"))
        #expect(try provider.allObjects().map(\.kind) == ["network"])
    }
}
