import Stack

/// A production stack's services must check Aurora's certificate: without the RDS CA bundle they
/// encrypt but would hand the database password to any server on the path (`require` checks no
/// certificate). Reported once, under the first region; `up` stops on it before any change.
struct DatabaseTrustCheck {
    func findings(_ stack: Stack, region: String) -> [VerifyFinding] {
        guard stack.production, let problem = TransitTrust(stack).uncheckedDatabaseProblem else { return [] }
        return [VerifyFinding(region: region, check: .tls, "production stack: " + problem)]
    }
}
