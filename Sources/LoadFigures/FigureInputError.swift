/// Bad input to the figures (a window, a recorded state file), found before any AWS call and
/// shown as one line naming the flag or file.
public struct FigureInputError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
