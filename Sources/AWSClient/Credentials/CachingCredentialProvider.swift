import FoundationEssentials

/// Keeps the last credentials until shortly before they expire, then fetches new ones.
/// Concurrent callers during a refresh share one fetch (single flight), so a burst of
/// requests makes one STS/IMDS call, not one each.
public actor CachingCredentialProvider: AWSCredentialProvider {
    public nonisolated let name: String
    private let base: any AWSCredentialProvider
    /// Refresh this long before expiry (the SDKs use about 5 minutes).
    private let refreshWindow: TimeInterval
    private let now: @Sendable () -> Date

    private var cached: ProvidedCredentials?
    private var refreshAt: Date?
    private var inFlight: Task<ProvidedCredentials?, any Error>?

    public init(_ base: any AWSCredentialProvider, refreshWindow: TimeInterval = 300,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.base = base
        self.name = base.name
        self.refreshWindow = refreshWindow
        self.now = now
    }

    public func provide() async throws -> ProvidedCredentials? {
        if let cached, !needsRefresh() { return cached }
        if let inFlight { return try await inFlight.value }

        let base = self.base
        let task = Task { try await base.provide() }
        inFlight = task
        defer { inFlight = nil }
        do {
            let fresh = try await task.value
            store(fresh)
            return fresh
        } catch {
            // A failed refresh while the old credentials are still valid keeps them in use.
            if let cached, let expiration = cached.credentials.expiration, expiration > now() { return cached }
            throw error
        }
    }

    /// Forgets the cached credentials (after the service rejected them as expired).
    @discardableResult public func invalidate() async -> Bool {
        cached = nil
        refreshAt = nil
        return true
    }

    private func needsRefresh() -> Bool {
        guard let refreshAt else { return false }
        return now() >= refreshAt
    }

    private func store(_ fresh: ProvidedCredentials?) {
        cached = fresh
        guard let fresh, let expiration = fresh.credentials.expiration else {
            refreshAt = nil
            return
        }
        // Refresh `refreshWindow` before expiry, but never sooner than halfway through a
        // short lifetime (else credentials living < 5 min would be fetched on every call).
        let fetchedAt = now()
        let halfway = fetchedAt.addingTimeInterval(expiration.timeIntervalSince(fetchedAt) / 2)
        refreshAt = max(expiration.addingTimeInterval(-refreshWindow), halfway)
    }
}
