import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension RegistryTransport {
    /// Streams a blob's bytes into `sink` (no retries: the caller restarts the download).
    /// Follows the redirects registries use for blob storage (ECR → S3), dropping the
    /// registry's Authorization header when the redirect leaves the registry host.
    func download(_ target: String, scope: String, into sink: any ByteSink) async throws -> Int64 {
        var current = url(target)
        var redirects = 0
        var refreshed = false
        while true {
            var request = HTTPClientRequest(url: current)
            let sameHost = URLComponents(string: current)?.host == URLComponents(string: baseURL)?.host
            let authorization = sameHost ? try await authenticator.authorization(scope: scope) : nil
            if let authorization { request.headers.add(name: "Authorization", value: authorization) }
            let response = try await httpClient.execute(request, timeout: .init(requestTimeout))
            switch response.status.code {
            case 200:
                var received: Int64 = 0
                for try await buffer in response.body {
                    try buffer.withUnsafeReadableBytes { try sink.write($0) }
                    received += Int64(buffer.readableBytes)
                }
                return received
            case 301, 302, 303, 307, 308:
                guard redirects < 5, let location = response.headers.first(name: "Location") else {
                    throw RegistryError.unexpectedStatus(operation: "GET \(target)", status: Int(response.status.code), detail: "too many redirects")
                }
                redirects += 1
                current = URL(string: location, relativeTo: URL(string: current))?.absoluteString ?? location
                _ = try? await response.body.collect(upTo: 1 << 20)
            case 401 where !refreshed && sameHost:
                refreshed = true
                let body = Array(buffer: try await response.body.collect(upTo: 1 << 20))
                try await authenticator.unauthorized(wwwAuthenticate: response.headers.first(name: "WWW-Authenticate"), scope: scope,
                                                     sentAuthorization: authorization, body: body, alreadyRefreshed: false)
            default:
                let body = Array(buffer: (try? await response.body.collect(upTo: 1 << 20)) ?? ByteBuffer())
                throw RegistryError.unexpectedStatus(operation: "GET \(target)", status: Int(response.status.code), detail: RegistryErrorBody.summary(body))
            }
        }
    }
}
