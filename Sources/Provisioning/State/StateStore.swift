import Foundation

/// `infra/out`: per region and stage, the outputs and applied fields of each resource, plus the
/// generated environment. A cache and an output — discovery never reads it. One actor per
/// directory serialises writers inside the process; the lock keeps other processes out.
public actor StateStore {
    public nonisolated let root: URL

    public init(root: URL) {
        self.root = root
    }

    public nonisolated func stageFile(region: RegionName, stage: Stage) -> URL {
        root.appendingPathComponent(region.rawValue).appendingPathComponent("\(stage.slug).json")
    }

    public nonisolated var environmentFile: URL { root.appendingPathComponent(".env.generated") }

    /// Records a resource's outputs and applied fields; skips the write when nothing changed.
    public func record(
        _ address: ResourceAddress, stack: String, outputs: ResourceOutputs, applied: [String: FieldValue]
    ) throws {
        let record = ResourceRecord(kind: address.kind, name: address.name, outputs: outputs, applied: applied)
        try record.validateNoSecrets(at: address)
        var state = (try? stageState(region: address.region, stage: address.stage))
            ?? StageState(stack: stack, region: address.region, stage: address.stage)
        if let existing = state.resources[address.key], existing.sameContent(as: record), state.stack == stack { return }
        state = StageState(stack: stack, region: state.region, stage: state.stage, resources: state.resources)
        state.resources[address.key] = record
        try write(state)
    }

    /// Forgets a deleted resource; removes the stage file when it holds nothing more.
    public func removeRecord(_ address: ResourceAddress) throws {
        guard var state = try? stageState(region: address.region, stage: address.stage),
            state.resources[address.key] != nil
        else { return }
        state.resources[address.key] = nil
        if state.resources.isEmpty {
            try? FileManager.default.removeItem(at: stageFile(region: address.region, stage: address.stage))
        } else {
            try write(state)
        }
    }

    /// The recorded state of one stage, or nil when nothing is recorded.
    public func stageState(region: RegionName, stage: Stage) throws -> StageState? {
        let url = stageFile(region: region, stage: stage)
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return try Self.decoder.decode(StageState.self, from: data)
        } catch {
            throw StateFileError(path: url.path, reason: "not a state file (\(error)); it is a cache: delete it and rerun")
        }
    }

    /// The recorded record of one resource.
    public func record(for address: ResourceAddress) throws -> ResourceRecord? {
        try stageState(region: address.region, stage: address.stage)?.record(for: address)
    }

    /// Every recorded stage, sorted by region then stage.
    public func allStageStates() throws -> [StageState] {
        let regions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var states: [StageState] = []
        for region in regions.sorted() where !region.hasPrefix(".") {
            for stage in Stage.allCases {
                if let state = try stageState(region: RegionName(region), stage: stage) { states.append(state) }
            }
        }
        return states
    }

    /// The recorded outputs of one region, by address.
    public func outputs(region: RegionName) throws -> RecordedOutputs {
        var outputs: [ResourceAddress: ResourceOutputs] = [:]
        for stage in Stage.allCases {
            guard let state = try stageState(region: region, stage: stage) else { continue }
            for record in state.resources.values {
                let address = ResourceAddress(region: region, stage: stage, kind: record.kind, name: record.name)
                outputs[address] = record.outputs
            }
        }
        return RecordedOutputs(region: region, outputs: outputs)
    }

    /// Replaces one region's section of `.env.generated`.
    public func writeEnvironment(_ section: EnvironmentSection) throws {
        var file = try environment()
        file.sections[section.region] = section
        try AtomicFile.write(Data(file.render().utf8), to: environmentFile)
    }

    /// Drops one region's section of `.env.generated` (after its teardown).
    public func removeEnvironment(region: RegionName) throws {
        var file = try environment()
        guard file.sections.removeValue(forKey: region) != nil else { return }
        try AtomicFile.write(Data(file.render().utf8), to: environmentFile)
    }

    /// The current `.env.generated`, empty when absent.
    public func environment() throws -> EnvironmentFile {
        guard let data = FileManager.default.contents(atPath: environmentFile.path) else { return EnvironmentFile() }
        return try EnvironmentFile.parse(String(decoding: data, as: UTF8.self), path: environmentFile.path)
    }

    private func write(_ state: StageState) throws {
        try AtomicFile.write(try Self.encoder.encode(state), to: stageFile(region: state.region, stage: state.stage))
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// The recorded outputs of one region, for the environment projection and `tpsctl outputs`.
public struct RecordedOutputs: Sendable, Hashable {
    public let region: RegionName
    public let outputs: [ResourceAddress: ResourceOutputs]

    public init(region: RegionName, outputs: [ResourceAddress: ResourceOutputs]) {
        self.region = region
        self.outputs = outputs
    }

    public subscript(address: ResourceAddress) -> ResourceOutputs? { outputs[address] }

    /// One output, or nil when the resource or key is not recorded.
    public func value<Outputs, Value>(_ key: KeyPath<Outputs, Value>, of resource: Dependency<Outputs>) -> Value? {
        try? outputs[resource.address]?.value(key)
    }
}

/// A state or environment file that cannot be read; names the file.
public struct StateFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
