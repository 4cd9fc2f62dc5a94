import Foundation
import Provisioning
import ProvisioningFixtures
import Testing

/// A fresh directory per test, removed when the test ends.
final class TestDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("provisioning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var provider: FileProvider { FileProvider(root: url.appendingPathComponent("provider")) }
    var out: URL { url.appendingPathComponent("infra/out") }
    var store: StateStore { StateStore(root: out) }
}

/// Collects engine events for assertions.
final class EventRecorder: @unchecked Sendable {
    private let mutex = NSLock()
    private var recorded: [ProvisioningEvent] = []

    var sink: EventSink { EventSink { event in self.append(event) } }

    private func append(_ event: ProvisioningEvent) {
        mutex.lock()
        recorded.append(event)
        mutex.unlock()
    }

    var events: [ProvisioningEvent] {
        mutex.lock()
        defer { mutex.unlock() }
        return recorded
    }

    var waits: [WaitProgress] {
        events.compactMap { if case let .waiting(progress) = $0 { progress } else { nil } }
    }
}

let tokyo: RegionName = "ap-northeast-1"
let seoul: RegionName = "ap-northeast-2"

func address(_ region: RegionName, _ stage: Stage, _ kind: String, _ name: String) -> ResourceAddress {
    ResourceAddress(region: region, stage: stage, kind: kind, name: name)
}

/// An address in ap-northeast-1.
func address(_ stage: Stage, _ kind: String, _ name: String) -> ResourceAddress {
    ResourceAddress(region: tokyo, stage: stage, kind: kind, name: name)
}

/// Fast polling for tests that wait on slow fixture objects.
let quickWaits = WaitPolicy(
    initialInterval: .milliseconds(10), maxInterval: .milliseconds(50), timeout: .seconds(30), progressInterval: .zero)

func engine(_ directory: TestDirectory, events: EventSink = .discard, concurrency: Int = 8) -> Engine {
    Engine(
        stack: FixtureStack.name, store: directory.store,
        options: EngineOptions(concurrencyPerRegion: concurrency, waitPolicy: quickWaits), events: events)
}

/// The subjects of every `create` call in the provider's log, in call order.
func creates(_ provider: FileProvider) throws -> [String] {
    try provider.calls().filter { $0.operation == "create" }.map(\.subject)
}
