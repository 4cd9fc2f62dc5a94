/// Makes a fixture resource's reads fail with `error` for the first `times` reads, as an AWS
/// Describe call that ran out of retries under throttling would.
public actor ReadFailures {
    private var remaining: Int
    private let error: any Error & Sendable
    public private(set) var failed = 0

    public init(times: Int, error: any Error & Sendable) {
        remaining = times
        self.error = error
    }

    /// Throws while failures remain.
    func next() throws {
        guard remaining > 0 else { return }
        remaining -= 1
        failed += 1
        throw error
    }
}
