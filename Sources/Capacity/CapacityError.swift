/// A `--measured` file or argument that cannot be planned from: one line naming the file (and
/// line) or the flag, as the stack file's own errors do.
public struct CapacityError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
