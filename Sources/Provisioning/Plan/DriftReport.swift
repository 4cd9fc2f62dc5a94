import Foundation

/// `tpsctl diff`: for each selected resource, desired vs live vs what `infra/out` recorded,
/// field by field, and the tagged objects the stack no longer describes.
public struct DriftReport: Sendable, Encodable {
    public let resources: [ResourceDrift]
    public let orphans: [TaggedResource]

    /// True when anything is not in sync or an orphan exists.
    public var hasDrift: Bool { !orphans.isEmpty || resources.contains { $0.status != .inSync } }

    public func render() -> String {
        var lines: [String] = []
        for resource in resources where resource.status != .inSync {
            lines.append("\(resource.address): \(resource.status.text)")
            for field in resource.fields where field.cause != .inSync {
                let live = field.live?.description ?? "-"
                let recorded = field.recorded?.description ?? "-"
                lines.append("    \(field.field): desired \(field.desired), live \(live), recorded \(recorded) (\(field.cause.text))")
            }
        }
        if !orphans.isEmpty {
            lines.append("Orphans (tagged with the stack, not described by it):")
            lines += orphans.map { "    \($0)" }
        }
        let inSync = resources.filter { $0.status == .inSync }.count
        lines.append(hasDrift ? "\(inSync) of \(resources.count) resources in sync." : "No drift: \(inSync) resources in sync.")
        return lines.joined(separator: "\n")
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    private enum CodingKeys: String, CodingKey { case resources, orphans, hasDrift }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(resources, forKey: .resources)
        try container.encode(orphans, forKey: .orphans)
        try container.encode(hasDrift, forKey: .hasDrift)
    }
}

/// One resource's drift.
public struct ResourceDrift: Sendable, Encodable {
    public enum Status: String, Sendable, Encodable {
        case inSync, drifted, missing, notCreated, unrecorded

        var text: String {
            switch self {
            case .inSync: "in sync"
            case .drifted: "drifted"
            case .missing: "recorded but missing (deleted outside tpsctl)"
            case .notCreated: "not created yet"
            case .unrecorded: "live but not recorded (up adopts it)"
            }
        }
    }

    public let address: ResourceAddress
    public let status: Status
    public let fields: [FieldDrift]

    init(address: ResourceAddress, diff: ResourceDiff, record: ResourceRecord?) {
        self.address = address
        self.fields = diff.fields.map { FieldDrift(change: $0, recorded: record?.applied[$0.field]) }
        if !diff.liveExists {
            self.status = record == nil ? .notCreated : .missing
        } else if fields.contains(where: { $0.cause != .inSync }) {
            self.status = .drifted
        } else {
            self.status = record == nil ? .unrecorded : .inSync
        }
    }
}

/// One field: the three values and which side moved.
public struct FieldDrift: Sendable, Encodable {
    public enum Cause: String, Sendable, Encodable {
        case inSync, changedOutside, stackChanged, both, notRecorded

        var text: String {
            switch self {
            case .inSync: "in sync"
            case .changedOutside: "changed outside tpsctl"
            case .stackChanged: "stack changed since the last up"
            case .both: "changed outside tpsctl and in the stack"
            case .notRecorded: "no record"
            }
        }
    }

    public let field: String
    public let desired: FieldValue
    public let live: FieldValue?
    public let recorded: FieldValue?
    public let cause: Cause

    init(change: FieldChange, recorded: FieldValue?) {
        self.field = change.field
        self.desired = change.after
        self.live = change.before
        self.recorded = recorded
        if !change.differs {
            self.cause = .inSync
        } else if recorded == nil {
            self.cause = .notRecorded
        } else if recorded == change.after {
            self.cause = .changedOutside
        } else if recorded == change.before {
            self.cause = .stackChanged
        } else {
            self.cause = .both
        }
    }
}
