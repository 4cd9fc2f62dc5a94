/// A build or ship step that failed for a reason the operator can fix; one line.
struct BuildCommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
