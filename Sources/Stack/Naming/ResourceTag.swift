/// A key/value tag, as every AWS tagging API takes it.
public struct ResourceTag: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let key: String
    public let value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public static func < (lhs: ResourceTag, rhs: ResourceTag) -> Bool { (lhs.key, lhs.value) < (rhs.key, rhs.value) }

    public var description: String { "\(key)=\(value)" }
}
