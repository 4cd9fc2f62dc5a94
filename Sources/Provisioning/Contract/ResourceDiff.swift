/// The desired-versus-live comparison a resource fills in, field by field. The engine turns it
/// into an action (create, update, replace, no-op); the same comparison feeds `plan`, `up` and
/// the drift report, which is what keeps plan equal to apply.
public struct ResourceDiff: Sendable, Hashable {
    /// Every compared field, in the order the resource compared them.
    public private(set) var fields: [FieldChange] = []
    /// Replacements not tied to one field (e.g. the live resource is in a failed state).
    public private(set) var extraReplaceReasons: [String] = []
    /// True when the live resource exists (the diff was filled with a live value).
    public let liveExists: Bool

    public init(liveExists: Bool) { self.liveExists = liveExists }

    /// Compares one field. `live` is nil when the live resource lacks the field (or does not exist).
    public mutating func compare<Desired: FieldValueConvertible, Live: FieldValueConvertible>(
        _ field: String, desired: Desired, live: Live?, onChange effect: FieldChange.Effect = .update
    ) {
        let before: FieldValue? = liveExists ? (live.map(\.fieldValue) ?? .known("null")) : nil
        fields.append(FieldChange(field: field, before: before, after: desired.fieldValue, effect: effect))
    }

    /// Forces a replacement for a reason no field expresses.
    public mutating func replace(because reason: String) {
        extraReplaceReasons.append(reason)
    }

    /// The fields whose values differ.
    public var changes: [FieldChange] { fields.filter(\.differs) }

    /// Why the resource must be replaced; empty when it can be updated in place.
    public var replaceReasons: [String] {
        guard liveExists else { return [] }
        let forced = fields.filter(\.forcesReplacement).map { "\($0.field) forces replacement" }
        return forced + extraReplaceReasons
    }

    /// The action this comparison calls for.
    public var action: PlannedAction.Kind {
        if !liveExists { return .create }
        if !replaceReasons.isEmpty { return .replace }
        return changes.isEmpty ? .noop : .update
    }

    /// The desired values by field, as recorded after an apply.
    public var desiredValues: [String: FieldValue] {
        Dictionary(fields.map { ($0.field, $0.after) }, uniquingKeysWith: { _, last in last })
    }
}
