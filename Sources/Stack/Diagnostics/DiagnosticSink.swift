/// Collects the problems of one file while it is decoded, plus where each successfully read
/// value came from, so the cross-field checks that run afterwards can point at a line too.
///
/// Paths are dotted (`services.public-api.cpu`, `regions[1].cidr`). A path is *failed* when its
/// value was present but unusable; later checks skip failed inputs instead of piling
/// follow-up errors on top of the real one.
final class DiagnosticSink {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    private var locations: [String: SourceLocation] = [:]
    private var failedPaths: Set<String> = []

    init(file: String) {
        self.file = file
    }

    func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(file: file, location: location, message: message))
    }

    /// Reports a value at `path` that cannot be used, and marks it failed.
    func fail(_ path: String, _ message: String, at location: SourceLocation) {
        failedPaths.insert(path)
        error("\(path): \(message)", at: location)
    }

    func record(_ path: String, at location: SourceLocation) {
        locations[path] = location
    }

    /// Every recorded location, for a `StackSourceMap` that outlives the sink.
    var sourceMap: StackSourceMap { StackSourceMap(file: file, locations: locations) }

    func markFailed(_ path: String) {
        failedPaths.insert(path)
    }

    func isFailed(_ path: String) -> Bool {
        failedPaths.contains(path)
    }

    /// Whether any of the paths failed to decode (so a check combining them must not run).
    func anyFailed(_ paths: String...) -> Bool {
        paths.contains { failedPaths.contains($0) }
    }

    /// The value's own location, or its closest recorded ancestor's for defaulted values.
    func location(of path: String) -> SourceLocation {
        var current = path
        while true {
            if let location = locations[current] { return location }
            guard let parent = Self.parent(of: current) else { return .fileStart }
            current = parent
        }
    }

    static func parent(of path: String) -> String? {
        guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else {
            return path.isEmpty ? nil : ""
        }
        return String(path[..<cut])
    }
}
