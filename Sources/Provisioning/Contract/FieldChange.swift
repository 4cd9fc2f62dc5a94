/// One compared field of a resource: its desired and live values and what a difference costs.
public struct FieldChange: Sendable, Hashable, Codable {
    /// What applying a difference in this field takes.
    public enum Effect: String, Sendable, Hashable, Codable {
        /// The field can be changed on the live resource.
        case update
        /// The field is immutable: a difference forces delete and re-create.
        case replace
    }

    public let field: String
    /// The live value; nil when the resource does not exist yet.
    public let before: FieldValue?
    public let after: FieldValue
    public let effect: Effect

    public init(field: String, before: FieldValue?, after: FieldValue, effect: Effect) {
        self.field = field
        self.before = before
        self.after = after
        self.effect = effect
    }

    /// Unknown desired values count as different: they may change once known.
    public var differs: Bool { before != after || after == .knownAfterApply }

    /// True when this difference forces a replacement.
    public var forcesReplacement: Bool { differs && effect == .replace && before != nil }
}
