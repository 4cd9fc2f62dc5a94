import NIOCore
import Synchronization

/// The open client connections of a listening socket, so a listener or distribution that
/// goes away takes them along (a client's keep-alive connection would otherwise go on being
/// served by the deleted configuration).
final class OpenConnections: Sendable {
    private let state = Mutex<(retired: Bool, open: [ObjectIdentifier: any Channel])>((false, [:]))

    /// Counts a connection in; false (and it should close) once retired.
    func opened(_ channel: any Channel) -> Bool {
        state.withLock { state in
            guard !state.retired else { return false }
            state.open[ObjectIdentifier(channel)] = channel
            return true
        }
    }

    func closed(_ channel: any Channel) {
        state.withLock { _ = $0.open.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    /// Gone: closes every connection still open, and any that arrives later.
    func retire() {
        let open = state.withLock { state in
            state.retired = true
            defer { state.open = [:] }
            return Array(state.open.values)
        }
        for channel in open { channel.close(promise: nil) }
    }
}
