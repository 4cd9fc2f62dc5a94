/// Something AWS did while applying that leaves the stage unable to go on (a migration task
/// that exited non-zero, an object missing right after its creation): one line naming it.
public struct StageFailure: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
