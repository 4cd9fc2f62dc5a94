/// Pushes to one repository of one registry from this process run one at a time. Two regions
/// of a local run share one registry, and concurrent uploads of the same blobs race inside it
/// (the CNCF registry then answers MANIFEST_BLOB_UNKNOWN); queued, the second push finds
/// every blob and the tag in place and uploads nothing.
actor RepositoryPushQueue {
    static let shared = RepositoryPushQueue()

    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    func acquire(_ key: String) async {
        guard busy.contains(key) else {
            busy.insert(key)
            return
        }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    /// Hands the repository to the next waiter (it stays busy), or frees it.
    func release(_ key: String) {
        guard var queue = waiting[key], !queue.isEmpty else {
            busy.remove(key)
            return
        }
        let next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
        next.resume()
    }

    /// Runs `body` holding `key`.
    func serialized<Value: Sendable>(_ key: String, _ body: @Sendable () async throws -> Value) async throws -> Value {
        await acquire(key)
        do {
            let value = try await body()
            release(key)
            return value
        } catch {
            release(key)
            throw error
        }
    }
}
