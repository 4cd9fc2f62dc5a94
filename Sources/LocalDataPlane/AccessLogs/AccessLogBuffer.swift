import Synchronization

/// A load balancer's access-log records between two deliveries: bounded, so a delivery that
/// cannot keep up (S3 unreachable, a flood of requests) costs records, never memory or request
/// latency. Appending takes one short lock; a record that does not fit is counted as dropped,
/// and the next delivery reports how many were.
public final class AccessLogBuffer: Sendable {
    public struct Drained: Sendable {
        public var records: [AccessLogRecord]
        /// Records refused since the last drain because the buffer was full.
        public var dropped: Int
    }

    public let capacity: Int
    private let state: Mutex<Drained>

    public init(capacity: Int) {
        self.capacity = capacity
        state = Mutex(Drained(records: [], dropped: 0))
    }

    /// Keeps `record` unless the buffer is full (then counts it as dropped).
    public func append(_ record: AccessLogRecord) {
        state.withLock { state in
            if state.records.count < capacity {
                state.records.append(record)
            } else {
                state.dropped += 1
            }
        }
    }

    /// Hands over what was recorded and starts anew.
    public func drain() -> Drained {
        state.withLock { state in
            defer { state = Drained(records: [], dropped: 0) }
            return state
        }
    }

    /// Puts back records a delivery could not write, ahead of newer ones, as far as they fit.
    func restore(_ drained: Drained) {
        state.withLock { state in
            let room = max(0, capacity - state.records.count)
            let kept = drained.records.suffix(room)
            state.dropped += drained.dropped + (drained.records.count - kept.count)
            state.records.insert(contentsOf: kept, at: 0)
        }
    }
}
