/// One poll's verdict in a wait.
public enum WaitStatus<Value: Sendable>: Sendable {
    case done(Value)
    /// Not there yet; the optional status (e.g. `pending`) shows up in progress events.
    case pending(String?)
    /// Will never get there (e.g. the object entered a `failed` state).
    case failed(String)
}
