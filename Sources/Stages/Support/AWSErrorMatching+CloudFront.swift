import AWSClient

/// CloudFront's own spellings: `NoSuch…` for a missing object, `…InUse` while a distribution
/// still names a policy (during teardown the distribution goes first, then its policies).
extension AWSErrorMatching {
    static func isCloudFrontNotFound(_ error: any Error) -> Bool {
        guard let error = error as? AWSError else { return false }
        return error.code.hasPrefix("NoSuch") || isNotFound(error)
    }

    static func ignoringCloudFrontNotFound(_ body: () async throws -> Void) async throws {
        do { try await body() } catch where isCloudFrontNotFound(error) {}
    }

    static func retryingInUse(attempts: Int = 30, _ body: () async throws -> Void) async throws {
        try await retrying(attempts: attempts, while: { $0.code.hasSuffix("InUse") }, body)
    }
}
