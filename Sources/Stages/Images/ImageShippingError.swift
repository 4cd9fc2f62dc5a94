/// A shipping step that cannot proceed; one line naming what to do.
public struct ImageShippingError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
