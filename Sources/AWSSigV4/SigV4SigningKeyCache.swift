import Synchronization

/// Remembers derived signing keys so a client signing many requests per day derives each
/// (credentials, day, region, service) key once.
///
/// Share one instance between signers (it is a reference type and thread-safe). It holds at
/// most `capacity` keys and forgets them all when full: keys roll over daily, so a bounded
/// cache that is occasionally rebuilt is simpler than an LRU and just as effective.
public final class SigV4SigningKeyCache: Sendable {
    private struct Entry: Hashable {
        var accessKeyId: String
        var secretAccessKey: String
        var scope: CredentialScope
    }

    private let keys = Mutex<[Entry: SigV4SigningKey]>([:])
    public let capacity: Int

    public init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// The cached key for this scope, derived on first use.
    public func key(for credentials: AWSCredentials, day: String, region: String, service: String) -> SigV4SigningKey {
        let entry = Entry(
            accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey,
            scope: CredentialScope(day: day, region: region, service: service))
        if let cached = keys.withLock({ $0[entry] }) { return cached }
        // Derive outside the lock: two threads may both derive, which is harmless.
        let derived = SigV4SigningKey(
            secretAccessKey: credentials.secretAccessKey, day: day, region: region, service: service)
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[entry] = derived
        }
        return derived
    }

    /// How many keys are cached now (for tests and diagnostics).
    public var count: Int { keys.withLock { $0.count } }
}
