/// Where each value of a loaded stack file is, so checks that run after loading (the capacity
/// warnings of `tpsctl plan`) can name `file:line` like the loader's own errors do.
public struct StackSourceMap: Sendable {
    public let file: String
    let locations: [String: SourceLocation]

    init(file: String, locations: [String: SourceLocation]) {
        self.file = file
        self.locations = locations
    }

    /// The value's line, or its closest written ancestor's for a defaulted value.
    public func location(of path: String) -> SourceLocation {
        var current = path
        while true {
            if let location = locations[current] { return location }
            guard let parent = DiagnosticSink.parent(of: current) else { return .fileStart }
            current = parent
        }
    }

    /// `file:line` of the value at `path`.
    public func cite(_ path: String) -> String {
        "\(file):\(location(of: path).line)"
    }
}
