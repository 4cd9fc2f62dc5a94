/// One problem found in an input file. Its description is the one-line `file:line: message`
/// form that editors and terminals turn into a link.
public struct Diagnostic: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(file: String, location: SourceLocation, message: String) {
        self.init(file: file, line: location.line, column: location.column, message: message)
    }

    public var description: String { "\(file):\(line): \(message)" }

    /// Orders by position so a list of problems reads top to bottom like the file.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}

extension Array where Element == Diagnostic {
    /// Sorted, without repeats, one `file:line: message` per line.
    var normalized: [Diagnostic] { Array(Set(self)).sorted() }

    var rendered: String { map(\.description).joined(separator: "\n") }
}
