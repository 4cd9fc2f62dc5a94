/// One request kind's answers in one step: status classes and the latency histogram. Adds
/// exactly to another shard's tally of the same step.
public struct LoadTally: Sendable, Equatable, Codable {
    /// 2xx and 304.
    public var ok = 0
    /// 4xx, including `conflicts`.
    public var clientErrors = 0
    /// 409s: a seat or key another client took (zero when shards keep to their seat partitions).
    public var conflicts = 0
    public var serverErrors = 0
    /// No answer (timeout, refused).
    public var failures = 0
    /// Latency of the answered requests.
    public var latency = LatencyHistogram()

    public init() {}

    public var requests: Int { ok + clientErrors + serverErrors + failures }
    public var okRatio: Double { requests == 0 ? 0 : Double(ok) / Double(requests) }

    mutating func record(status: Int?, latencyMs: Double) {
        guard let status else {
            failures += 1
            return
        }
        switch status {
        case 200..<300, 304: ok += 1
        case 500...: serverErrors += 1
        default:
            clientErrors += 1
            if status == 409 { conflicts += 1 }
        }
        latency.record(milliseconds: latencyMs)
    }

    public mutating func merge(_ other: LoadTally) {
        ok += other.ok
        clientErrors += other.clientErrors
        conflicts += other.conflicts
        serverErrors += other.serverErrors
        failures += other.failures
        latency.merge(other.latency)
    }
}
