import E2EScenario

/// What a fixed-rate run measured in its window: each latency counts from the moment the
/// request was due, not from when a free connection sent it, so a stalled server shows as
/// latency instead of as fewer requests (no coordinated omission).
struct RateResult: Sendable {
    var rate: Double
    var seconds: Double
    var due = 0
    var completed = 0
    /// Non-2xx answers and requests whose connection dropped.
    var errors = 0
    /// Requests due in the window still unanswered when the drain after it ended (the server
    /// fell behind the rate).
    var unanswered = 0
    /// The most requests ever waiting for a free connection.
    var largestBacklog = 0
    var latencies = LatencyHistogram()

    /// One line of `key=value` words, which the bench scripts read.
    var line: String {
        func ms(_ value: Double) -> String { String(format: "%.3f", value) }
        return "rate=\(String(format: "%.1f", rate)) achieved=\(String(format: "%.1f", Double(completed) / seconds)) "
            + "due=\(due) completed=\(completed) errors=\(errors) unanswered=\(unanswered) backlog_max=\(largestBacklog) "
            + "p50_ms=\(ms(latencies.percentile(0.50))) p90_ms=\(ms(latencies.percentile(0.90))) "
            + "p99_ms=\(ms(latencies.percentile(0.99))) p999_ms=\(ms(latencies.percentile(0.999))) "
            + "max_ms=\(ms(latencies.percentile(1.0)))"
    }
}
