import Foundation

/// What `infra/out` remembers about one applied resource: its outputs and the desired field
/// values it was applied with (so `diff` can tell "changed behind our back" from "stack edited").
public struct ResourceRecord: Sendable, Hashable, Codable {
    public let kind: String
    public let name: String
    public let outputs: ResourceOutputs
    public let applied: [String: FieldValue]
    public let recordedAt: Date

    public init(kind: String, name: String, outputs: ResourceOutputs, applied: [String: FieldValue], recordedAt: Date = Date()) {
        self.kind = kind
        self.name = name
        self.outputs = outputs
        self.applied = applied
        self.recordedAt = recordedAt
    }

    /// Same content, ignoring when it was recorded.
    func sameContent(as other: ResourceRecord) -> Bool {
        kind == other.kind && name == other.name && outputs == other.outputs && applied == other.applied
    }

    /// Refuses plain values under secret-looking names, in outputs and applied fields alike.
    func validateNoSecrets(at address: ResourceAddress) throws(SecretLeakError) {
        try outputs.validateNoSecrets(at: address)
        for (field, value) in applied {
            if case let .known(text) = value, SecretNames.looksSecret(field), !SecretNames.isHarmless(text) {
                throw SecretLeakError(place: "\(address) field '\(field)'")
            }
        }
    }
}

/// The content of `infra/out/<region>/<stage>.json`.
public struct StageState: Sendable, Hashable, Codable {
    public let stack: String
    public let region: RegionName
    public let stage: Stage
    /// Records by `kind.name`.
    public var resources: [String: ResourceRecord]

    public init(stack: String, region: RegionName, stage: Stage, resources: [String: ResourceRecord] = [:]) {
        self.stack = stack
        self.region = region
        self.stage = stage
        self.resources = resources
    }

    public func record(for address: ResourceAddress) -> ResourceRecord? { resources[address.key] }
}
