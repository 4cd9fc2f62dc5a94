/// A value a resource reads from a dependency: known, or only known once the dependency has
/// been created or replaced (the plan of a fresh stack cannot know the VPC id of its subnets).
public enum PlannedValue<Value: Sendable & Hashable>: Sendable, Hashable {
    case known(Value)
    case knownAfterApply

    /// The value, or nil while it is only known after apply.
    public var value: Value? {
        if case let .known(value) = self { return value }
        return nil
    }

    public func map<T: Sendable & Hashable>(_ transform: (Value) -> T) -> PlannedValue<T> {
        switch self {
        case let .known(value): .known(transform(value))
        case .knownAfterApply: .knownAfterApply
        }
    }
}

extension PlannedValue: FieldValueConvertible where Value: FieldValueConvertible {
    public var fieldValue: FieldValue {
        switch self {
        case let .known(value): value.fieldValue
        case .knownAfterApply: .knownAfterApply
        }
    }
}
