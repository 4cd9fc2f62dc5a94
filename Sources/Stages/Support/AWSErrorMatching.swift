import AWSClient

/// Which AWS error codes mean "the object is not there": reads turn them into nil and deletes
/// into success, so every step can be repeated after a crash.
enum AWSErrorMatching {
    static func isNotFound(_ error: any Error) -> Bool {
        guard let error = error as? AWSError else { return false }
        let code = error.code
        return code.hasSuffix(".NotFound") || code.hasSuffix("NotFound") || code.hasSuffix("NotFoundFault") || code.hasSuffix("NotFoundException")
            || code == "ResourceNotFoundException" || code == "QueueDoesNotExist"
            || code == "AWS.SimpleQueueService.NonExistentQueue" || code == "InvalidAllocationID.NotFound"
            || code == "NoSuchEntity"
    }

    static func hasCode(_ error: any Error, _ codes: String...) -> Bool {
        guard let error = error as? AWSError else { return false }
        return codes.contains(error.code)
    }

    /// Runs a delete; a missing object counts as deleted.
    static func ignoringNotFound(_ body: () async throws -> Void) async throws {
        do { try await body() } catch where isNotFound(error) {}
    }

    /// Codes AWS answers while something still uses the object being deleted: an ENI or
    /// attachment being released, a Redis group or Aurora cluster still deleting from a subnet
    /// group, a cluster whose writer is still being deleted.
    static let stillInUse: Set<String> = [
        "DependencyViolation", "ResourceInUse", "CacheSubnetGroupInUse", "InvalidDBSubnetGroupStateFault",
        "InvalidDBClusterStateFault",
    ]

    /// Retries `body` while AWS answers one of `stillInUse`, up to `attempts` times with a growing pause.
    static func retryingDependencyViolation(attempts: Int = 30, _ body: () async throws -> Void) async throws {
        try await retrying(attempts: attempts, while: { stillInUse.contains($0.code) }, body)
    }

    /// Retries `body` while its error matches `inUse`, up to `attempts` times, pausing 0.5 s more
    /// each time (at most 5 s): what each service's "still in use" codes share.
    static func retrying(attempts: Int, while inUse: (AWSError) -> Bool, _ body: () async throws -> Void) async throws {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await body()
                return
            } catch let error as AWSError where inUse(error) && attempt < attempts {
                try await Task.sleep(for: .milliseconds(min(500 * attempt, 5000)))
            }
        }
    }
}
