import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// One registry's HTTP exchanges: authorization (learning challenges on 401), bounded
/// response bodies, and retries with backoff on 5xx/429/408 and dropped connections.
struct RegistryTransport: Sendable {
    struct Response: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
        /// Attempts beyond the first (transient failures that were retried).
        var retries = 0

        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    /// Builds a fresh request body for each attempt (a streamed body cannot be replayed).
    typealias BodyFactory = @Sendable () throws -> HTTPClientRequest.Body

    let baseURL: String
    let registryName: String
    let httpClient: HTTPClient
    let authenticator: RegistryAuthenticator
    let retryPolicy: RegistryRetryPolicy
    let requestTimeout: Duration

    static let maxResponseBody = 4 << 20

    /// Resolves a path or a Location header (absolute or relative) against the registry.
    func url(_ pathOrURL: String) -> String {
        if pathOrURL.hasPrefix("http://") || pathOrURL.hasPrefix("https://") { return pathOrURL }
        return baseURL + (pathOrURL.hasPrefix("/") ? "" : "/") + pathOrURL
    }

    /// One exchange, re-authorized after a 401 challenge, without transient-failure retries.
    func exchange(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = [:], body: BodyFactory? = nil, scope: String) async throws -> Response {
        var alreadyRefreshed = false
        var learnedChallenge = false
        while true {
            var request = HTTPClientRequest(url: url(target))
            request.method = method
            request.headers = headers
            let authorization = try await authenticator.authorization(scope: scope)
            if let authorization { request.headers.replaceOrAdd(name: "Authorization", value: authorization) }
            if let body { request.body = try body() }  // AHC sets Content-Length from it
            let response = try await httpClient.execute(request, timeout: .init(requestTimeout))
            let bytes = try await collect(response, method: method, target: target)
            if response.status == .unauthorized {
                if authorization == nil && learnedChallenge {
                    throw RegistryError.authenticationFailed(registry: registryName, username: nil, detail: "the registry requires credentials")
                }
                try await authenticator.unauthorized(wwwAuthenticate: response.headers.first(name: "WWW-Authenticate"), scope: scope,
                                                     sentAuthorization: authorization, body: bytes,
                                                     alreadyRefreshed: alreadyRefreshed || (learnedChallenge && authorization != nil))
                if authorization == nil { learnedChallenge = true } else { alreadyRefreshed = true }
                continue
            }
            return Response(status: Int(response.status.code), headers: response.headers, body: bytes)
        }
    }

    /// `exchange` retried on transient failures (5xx, 429, 408, connection errors) up to the
    /// policy's limit; other statuses are returned for the caller to judge.
    func send(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = [:], body: BodyFactory? = nil, scope: String, operation: String) async throws -> Response {
        var attempt = 1
        while true {
            let failure: String
            do {
                var response = try await exchange(method, target, headers: headers, body: body, scope: scope)
                guard RegistryRetryPolicy.isRetryable(status: response.status) else {
                    response.retries = attempt - 1
                    return response
                }
                failure = "HTTP \(response.status) \(RegistryErrorBody.summary(response.body))"
            } catch let error where Self.isTransient(error) {
                failure = String(describing: error)
            }
            guard attempt < retryPolicy.maxAttempts else {
                throw RegistryError.retriesExhausted(operation: operation, attempts: attempt, lastError: failure)
            }
            try await Task.sleep(for: retryPolicy.delay(beforeAttempt: attempt))
            attempt += 1
        }
    }

    /// Errors worth another attempt: anything from the connection, never our own verdicts
    /// nor a request that can never be sent (bad URL).
    static func isTransient(_ error: any Error) -> Bool {
        if error is RegistryError || error is ContainerImageError || error is CancellationError { return false }
        if let clientError = error as? HTTPClientError {
            return ![HTTPClientError.invalidURL, .emptyHost, .emptyScheme, .cancelled].contains(clientError)
        }
        return true
    }

    private func collect(_ response: HTTPClientResponse, method: HTTPMethod, target: String) async throws -> [UInt8] {
        do {
            return Array(buffer: try await response.body.collect(upTo: Self.maxResponseBody))
        } catch is NIOTooManyBytesError {
            throw RegistryError.responseTooLarge(operation: "\(method) \(target)")
        }
    }
}

extension RegistryTransport.Response {
    /// Throws `unexpectedStatus` unless the status is one of `expected`.
    func expect(_ expected: Set<Int>, _ operation: String) throws {
        guard expected.contains(status) else {
            throw RegistryError.unexpectedStatus(operation: operation, status: status, detail: RegistryErrorBody.summary(body))
        }
    }
}
