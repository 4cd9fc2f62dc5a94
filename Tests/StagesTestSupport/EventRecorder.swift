import Foundation
import Provisioning

/// Collects the engine's events so a test can check what the operator was shown.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [ProvisioningEvent] = []

    var sink: EventSink {
        EventSink { event in
            self.lock.lock()
            self.recorded.append(event)
            self.lock.unlock()
        }
    }

    /// The `note` messages, in order.
    var notes: [String] {
        lock.lock()
        defer { lock.unlock() }
        return recorded.compactMap { if case let .note(_, message) = $0 { message } else { nil } }
    }
}
