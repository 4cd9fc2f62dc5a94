/// What `up` (or `down`) will do to one resource, with the field-level detail the plan prints.
public struct PlannedAction: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case create, update, replace, delete, noop

        /// Terraform's markers: `+`, `~`, `-/+`, `-`.
        public var symbol: String {
            switch self {
            case .create: "+"
            case .update: "~"
            case .replace: "-/+"
            case .delete: "-"
            case .noop: "="
            }
        }

        public var isChange: Bool { self != .noop }
    }

    public let address: ResourceAddress
    public let kind: Kind
    /// For create: every desired field; for update/replace: the differing fields.
    public let changes: [FieldChange]
    /// Why a replacement is needed (empty unless `kind == .replace`).
    public let replaceReasons: [String]
    /// Extra context, e.g. why an orphan is deleted.
    public let note: String?

    public init(
        address: ResourceAddress, kind: Kind, changes: [FieldChange] = [], replaceReasons: [String] = [],
        note: String? = nil
    ) {
        self.address = address
        self.kind = kind
        self.changes = changes
        self.replaceReasons = replaceReasons
        self.note = note
    }

    private enum CodingKeys: String, CodingKey {
        case address, region, stage, kind, name, action, changes, replaceReasons, note
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address.description, forKey: .address)
        try container.encode(address.region, forKey: .region)
        try container.encode(address.stage, forKey: .stage)
        try container.encode(address.kind, forKey: .kind)
        try container.encode(address.name, forKey: .name)
        try container.encode(kind, forKey: .action)
        try container.encode(changes, forKey: .changes)
        try container.encode(replaceReasons, forKey: .replaceReasons)
        try container.encodeIfPresent(note, forKey: .note)
    }
}
