import Stack

/// `build --service S`, which names a stack service or the load bot and so stays text: checked
/// against the stack's service names; none given means all of them.
enum ServiceSelection {
    static func parse(_ argument: String?) throws -> [ServiceName] {
        guard let argument else { return ServiceName.allCases }
        do {
            return [try ServiceName(flagValue: argument)]
        } catch {
            throw BuildCommandError("--service: \(error)")
        }
    }
}
