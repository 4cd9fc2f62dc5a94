import Stack

/// The warning `plan` and `build` print when the stack leaves the database's certificate
/// unchecked (no CA bundle named), naming the stack file's line; `tpsctl verify` refuses the same
/// for a production stack.
enum TransitTrustWarning {
    static func line(stack: Stack, stackPath: String) -> String? {
        guard let problem = TransitTrust(stack).uncheckedDatabaseProblem else { return nil }
        let place = (try? StackLoader.loadMapped(path: stackPath).source.cite("dataPlane.aurora")) ?? stackPath
        return "\(place): warning: \(problem)"
    }
}
