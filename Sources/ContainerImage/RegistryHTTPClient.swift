import AsyncHTTPClient
import NIOCore

/// The HTTP client registry traffic goes through: redirects are not followed automatically,
/// because a blob GET that ECR redirects to S3 must drop the registry's Authorization header.
/// Process-wide and never shut down, like `HTTPClient.shared`.
enum RegistryHTTPClient {
    static let shared = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(120))))
}
